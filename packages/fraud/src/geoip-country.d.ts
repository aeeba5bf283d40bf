/** The part of `geoip-country`'s API we use (the package ships no types). */
declare module 'geoip-country' {
  const geoip: { lookup(ip: string): { country: string } | null };
  export default geoip;
}
