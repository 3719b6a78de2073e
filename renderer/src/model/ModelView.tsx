/**
 * Route `model`: the supporter lifetime-value model's quality report (calibration, backtest). Its
 * engineer fills this view in once the model's API is part of the contract; until then it says so.
 */
export function ModelView() {
  return (
    <section className="model" aria-labelledby="model-title">
      <div className="page-toolbar">
        <h1 id="model-title">Model quality</h1>
      </div>
      <div className="state" data-testid="model-placeholder">
        <h2>Not available yet</h2>
        <p>The lifetime-value model’s quality report will appear here.</p>
      </div>
    </section>
  );
}
