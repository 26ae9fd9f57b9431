/**
 * Month names as the Annual budget and Usage dashboard tabs write them: "March" in the start-month
 * picker, "Mar 2026" on the plan's months and the dashboard's review. (The calculator has no months:
 * this stays out of the first load.)
 */
export const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;

/** A calendar month (1 = January) in short: "Mar", or "Mar 2026" with its year. */
export const shortMonth = (month: number, year?: number): string => {
  const short = MONTH_NAMES[month - 1].slice(0, 3);
  return year === undefined ? short : `${short} ${year}`;
};
