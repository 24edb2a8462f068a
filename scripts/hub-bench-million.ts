export async function millionSection(): Promise<string> { return ""; }
