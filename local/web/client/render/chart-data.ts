import type { ForgeNode } from './node';

export interface Series {
  name: string;
  points: { x: string; y: number }[];
}

type Accessor = string | number;

function accessor(node: ForgeNode, prop: string, fallback: Accessor): Accessor {
  const value = node.props[prop];
  return typeof value === 'string' || typeof value === 'number' ? value : fallback;
}

function read(datum: unknown, key: Accessor): unknown {
  return datum && typeof datum === 'object' ? (datum as Record<Accessor, unknown>)[key] : undefined;
}

/**
 * UI Kit's chart data: rows (objects or arrays) read through the x/y accessors, split into one
 * line per value of the optional colour accessor.
 */
export function seriesOf(node: ForgeNode): Series[] {
  const data = Array.isArray(node.props.data) ? (node.props.data as unknown[]) : [];
  const x = accessor(node, 'xAccessor', 0);
  const y = accessor(node, 'yAccessor', 1);
  const colour = node.props.colorAccessor;
  const byName = new Map<string, Series>();
  for (const datum of data) {
    const value = Number(read(datum, y));
    if (!Number.isFinite(value)) continue;
    const name = colour === undefined ? '' : String(read(datum, colour as Accessor) ?? '');
    const series = byName.get(name) ?? { name, points: [] };
    series.points.push({ x: String(read(datum, x) ?? ''), y: value });
    byName.set(name, series);
  }
  return [...byName.values()];
}

/** The y range drawn: from 0 (or below, for negatives) to the largest value, never empty. */
export function yRange(series: Series[]): [number, number] {
  const values = series.flatMap((s) => s.points.map((p) => p.y));
  const min = Math.min(0, ...values);
  const max = Math.max(...values, min + 1);
  return [min, max];
}
