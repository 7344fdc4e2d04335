/**
 * Business calendars: working hours per weekday in a time zone, holidays, and DST-correct
 * arithmetic such as "2 business hours after t". Entry point: {@link
 * dev.journey.core.calendar.BusinessCalendar}.
 */
package dev.journey.core.calendar;
