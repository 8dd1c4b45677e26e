// The one definition of a scheduled time ("HH:MM", 24-hour, local time), for the form, the guard and
// the engine alike.

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "02:00" is a time of day; "" means "not scheduled" and is checked by the caller. */
export function isTimeOfDay(text: string): boolean {
  return TIME_OF_DAY.test(text);
}

export const TIME_OF_DAY_HINT = 'a time as HH:MM (24-hour), or empty for none';
