"""Read queries behind pages, REST and OParl. Every query filters through `visibility`."""
