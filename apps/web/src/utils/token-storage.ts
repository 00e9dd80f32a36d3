/**
 * The access and refresh tokens: kept in memory and in sessionStorage (one browser tab's
 * session survives a reload; closing the tab ends it). Never in localStorage.
 */
const ACCESS_KEY = 'jixiao.accessToken';
const REFRESH_KEY = 'jixiao.refreshToken';

function read(key: string): string | null {
  try {
    return globalThis.sessionStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value) globalThis.sessionStorage?.setItem(key, value);
    else globalThis.sessionStorage?.removeItem(key);
  } catch {
    // sessionStorage may be disabled; memory still holds the token for this page
  }
}

let accessToken: string | null = read(ACCESS_KEY);
let refreshToken: string | null = read(REFRESH_KEY);

export const tokenStorage = {
  get accessToken(): string | null {
    return accessToken;
  },
  get refreshToken(): string | null {
    return refreshToken;
  },
  set(tokens: { accessToken: string; refreshToken: string }): void {
    accessToken = tokens.accessToken;
    refreshToken = tokens.refreshToken;
    write(ACCESS_KEY, accessToken);
    write(REFRESH_KEY, refreshToken);
  },
  clear(): void {
    accessToken = null;
    refreshToken = null;
    write(ACCESS_KEY, null);
    write(REFRESH_KEY, null);
  },
  /** Re-reads sessionStorage (tests). */
  reload(): void {
    accessToken = read(ACCESS_KEY);
    refreshToken = read(REFRESH_KEY);
  },
};
