// The simulated Image Factory is product code (the demo lab serves boot assets from it).
export * from '../../src/lab/factory'
