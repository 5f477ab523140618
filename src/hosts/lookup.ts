/**
 * The named lookups of every host's selectors module come in pairs: `getMaybeX` returns undefined
 * when the markup lacks it, `getX` throws the host's own error naming the lookup (never the page's
 * text, which may be a customer's).
 */
export function orThrow<T>(value: T | undefined, notFound: () => Error): T {
  if (value === undefined) throw notFound()
  return value
}
