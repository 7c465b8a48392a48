/** Development API keys of the shipped site configuration: key `<id>` is `dev-key-<id>`. */
export const API_KEY_IDS = {
  operator: 'op-jalinda',
  engineer: 'eng-on-call',
  admin: 'admin',
  'owner-timber': 'owner-timber',
  'owner-fresh': 'owner-fresh',
  'owner-pharma': 'owner-pharma',
} as const;
export type KeyHolder = keyof typeof API_KEY_IDS;

export const apiKey = (who: KeyHolder): string => `dev-key-${API_KEY_IDS[who]}`;

/** Request options carrying `who`'s key as a bearer token, merged with `init`. */
export function withKey(who: KeyHolder, init: RequestInit = {}): RequestInit {
  return {
    ...init,
    headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${apiKey(who)}` },
  };
}

/** `method path` with `who`'s key and, when given, a JSON body. */
export function callApi(baseUrl: string, who: KeyHolder, method: string, path: string, body?: unknown) {
  return fetch(
    `${baseUrl}${path}`,
    withKey(who, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
}
