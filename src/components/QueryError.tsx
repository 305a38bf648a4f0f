/** A failed question, said on the page as a sentence: "The denials could not be computed: …". */
export function QueryError({ error, what }: { error: Error | null; what: string }) {
  if (!error) return null;
  const message = error.message.replace(/[.\s]+$/, '');
  return (
    <p className="messages__problems" role="alert">
      {what[0]!.toUpperCase() + what.slice(1)} could not be computed: {message}.
    </p>
  );
}
