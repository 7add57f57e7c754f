// mapshaper ships no types; the build uses only its programmatic entry point.
declare module 'mapshaper' {
  /** Runs a mapshaper command line on in-memory inputs (file name → GeoJSON) and returns the named outputs. */
  function applyCommands(
    commands: string,
    inputs: Record<string, unknown>,
  ): Promise<Record<string, string | Uint8Array>>;
  const mapshaper: { applyCommands: typeof applyCommands };
  export default mapshaper;
}
