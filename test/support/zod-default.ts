/** What zod says when no schema chose the words: none of it may reach the admin. */
export const ZOD_DEFAULT =
  /Too (big|small)|expected (string|number|boolean|array|object|int|one of|nonoptional)|Invalid (input|option|string|type|key|element|union|discriminator)|Unrecognized key/i;
