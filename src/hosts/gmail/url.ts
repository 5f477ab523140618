/**
 * Gmail URL detection (pure). The compose panel runs on Gmail's mail UI only:
 * `https://mail.google.com/mail/u/<n>/…` (and `/mail/…`, before Gmail adds the account number),
 * including a popped-out compose window (`/mail/u/0/?view=cm…`), never on other Google pages.
 */
export function isGmailMailUrl(url: string): boolean {
  try {
    const { protocol, hostname, pathname } = new URL(url)
    return protocol === "https:" && hostname === "mail.google.com" && /^\/mail(\/u\/\d+)?(\/|$)/.test(pathname)
  } catch {
    return false
  }
}
