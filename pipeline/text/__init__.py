"""Pure text functions: no file or table I/O here."""
