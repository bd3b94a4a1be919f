/**
 * One name for the organisation token inventory on every tab: the tab itself, its source's
 * heading and dialogs, the integration that checks its Admin API key, and the audit log.
 */
export const INVENTORY_NAME = 'Organisation tokens';

/** The integration the inventory's Admin API key is checked as, on the Integrations tab. */
export const INVENTORY_KEY_INTEGRATION = `${INVENTORY_NAME}: Admin API key`;
