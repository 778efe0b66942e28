/** The media type of a Content-Type header, lower-cased and without parameters (RFC 9110 8.3.1). */
export const mediaTypeOf = (header: string | undefined): string | undefined =>
  header?.split(';', 1)[0].trim().toLowerCase();
