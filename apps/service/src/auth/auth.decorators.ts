import { SetMetadata } from '@nestjs/common';
import type { ApiRole } from './caller';

export const PUBLIC = 'jct:public';
export const ROLES = 'jct:roles';
export const KEY_IN_QUERY = 'jct:key-in-query';

/** No key needed: /health, /metrics and the dashboard's static files (the data behind it needs one). */
export const Public = () => SetMetadata(PUBLIC, true);

/** The roles allowed here; admin always is. A route without @Roles or @Public is admin-only. */
export const Roles = (...roles: ApiRole[]) => SetMetadata(ROLES, roles);

/**
 * Accept the key as `?key=` too. Only for the live stream: a browser's EventSource cannot send an
 * Authorization header. The query string is never logged by the service.
 */
export const KeyInQuery = () => SetMetadata(KEY_IN_QUERY, true);
