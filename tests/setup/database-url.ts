// PostgreSQL URLs of sibling databases on the same server: the test template and its clones, the e2e
// slots' databases, and the `postgres` maintenance database they are created and dropped from.

/** The same server and credentials, database `name`. */
export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The database a URL names. */
export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}
