export { detectHardware, type DetectOptions, type HardwareSource } from './detect'
export { describeHardware, type MachineResources } from './describe'
export {
  MIN_INSTALL_DISK_BYTES,
  bootMedia,
  chooseInstallDisk,
  describeDisk,
  describeDisks,
  diskKind,
  exclusionReason,
  rankCandidates
} from './disks'
export { chooseInterface, defaultRoutes, describeLinks, isPhysical, usefulAddresses } from './interfaces'
export { summarizeCpus, summarizeSystem, totalMemoryBytes } from './system'
