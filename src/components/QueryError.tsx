/**
 * A failed question, said on the page as one sentence with role="alert":
 * `lead` ("The denials could not be counted"), a colon, and why.
 */
export function QueryError({ error, lead }: { error: Error | null; lead: string }) {
  if (!error) return null;
  const why = error.message.trim().replace(/\.+$/, '') || 'an unknown error';
  return (
    <p className="messages__problems" role="alert">
      {lead}: {why}.
    </p>
  );
}
