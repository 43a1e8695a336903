/** Today's calendar date in the reader's time zone, as "YYYY-MM-DD" (the form of every date the API takes). */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
