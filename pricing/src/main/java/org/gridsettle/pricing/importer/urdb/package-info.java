/**
 * Importer for OpenEI Utility Rate Database (URDB) tariff JSON: reads a rate faithfully into integer units, or refuses
 * it naming every field it cannot price.
 * <p>
 * Units, once for the whole package:
 * <ul>
 *     <li>Energy rates are micro-dollars per kWh: URDB {@code rate + adj} summed exactly as decimals, then converted.
 *     A sum with more than six decimals in $/kWh is rounded half-even once, at that conversion, and the rounding is
 *     recorded in {@link org.gridsettle.pricing.importer.urdb.UrdbRate#roundings()} so an auditor can see it.</li>
 *     <li>Demand rates are micro-dollars per kW, fixed and minimum charges micro-dollars, with the same rule.</li>
 *     <li>Energy tier bounds are Wh (kWh x 1000) and demand tier bounds W (kW x 1000); both must be exact, never
 *     rounded, because a bound moved by rounding changes which tier prices a kWh.</li>
 * </ul>
 * JSON numbers are read as {@link java.math.BigDecimal}; no binary floating point ever holds a value.
 * <p>
 * URDB carries no time zone: the caller supplies the {@link java.time.ZoneId} when mapping to a tariff, from the
 * utility's service territory. URDB carries no holiday calendar either: the caller supplies holiday dates, priced with
 * the weekend schedule.
 */
package org.gridsettle.pricing.importer.urdb;
