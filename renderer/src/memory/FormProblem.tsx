/** Why a memory change was refused, beside the form that keeps what was typed. */
export function FormProblem({ problem }: { problem: string | null }) {
  if (problem === null) return null;
  return (
    <p role="alert" className="form-problem">
      {problem}
    </p>
  );
}
