/** The loaded sessions as demand for the simulator (see simulator/scenario.ts). */
export function loadedSessionsSql(): string {
  return `SELECT username, user_email AS email, external_id AS "externalId", allocated_license AS license, user_product AS product,
       user_hostname AS host, user_ip AS ip, epoch_us(used_from) / 1000.0 AS "fromMs", epoch_us(used_to) / 1000.0 AS "toMs"
FROM sessions ORDER BY used_from, file_id, line`;
}
