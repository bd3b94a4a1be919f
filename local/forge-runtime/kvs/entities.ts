import type { EntityDef } from '../manifest';
import { badRequest } from './errors';

/** The entity declared in the manifest, or a 400 like the platform's for an unknown one. */
export function entityDef(entities: Map<string, EntityDef>, name: unknown): EntityDef {
  const def = entities.get(String(name));
  if (!def) {
    throw badRequest(
      'INVALID_ENTITY_TYPE',
      `Entity '${String(name)}' is not declared in manifest.yml (app.storage.entities)`,
    );
  }
  return def;
}

/**
 * An entity value must be an object whose attributes are declared with a matching type
 * (INVALID_ENTITY_VALUE). Undeclared attributes are refused too: the attribute list in the
 * manifest is the entity's schema.
 */
export function validateEntityValue(def: EntityDef, value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('INVALID_ENTITY_VALUE', `A ${def.name} value must be an object`);
  }
  for (const [name, v] of Object.entries(value)) {
    const type = def.attributes[name];
    if (type === undefined) {
      throw badRequest(
        'INVALID_ENTITY_VALUE',
        `Attribute '${name}' is not declared for ${def.name}`,
      );
    }
    if (v !== null && !fits(type, v)) {
      throw badRequest(
        'INVALID_ENTITY_VALUE',
        `Attribute '${name}' of ${def.name} must be ${type}`,
      );
    }
  }
}

function fits(type: string, v: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'integer':
      return Number.isInteger(v);
    case 'float':
      return typeof v === 'number' && Number.isFinite(v);
    default:
      return true;
  }
}
