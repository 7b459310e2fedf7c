/** NIC models and an SMBIOS identity, filled the way real machines report them; shared by the presets. */

export const intel226 = {
  driver: 'igc',
  vendor: 'Intel Corporation',
  product: 'Ethernet Controller I226-V',
  vendorID: '0x8086',
  productID: '0x125c',
  firmwareVersion: '2017:888d',
  speedMbit: 2500
}
export const intel219 = {
  driver: 'e1000e',
  vendor: 'Intel Corporation',
  product: 'Ethernet Connection (17) I219-LM',
  vendorID: '0x8086',
  productID: '0x1a1c',
  firmwareVersion: '0.6-4',
  speedMbit: 1000
}
export const realtek = {
  driver: 'r8169',
  vendor: 'Realtek Semiconductor Co., Ltd.',
  product: 'RTL8111/8168/8211/8411 PCI Express Gigabit Ethernet Controller',
  vendorID: '0x10ec',
  productID: '0x8168',
  firmwareVersion: 'rtl8168h-2_0.0.2 02/26/15',
  speedMbit: 1000
}
export const x710 = {
  driver: 'i40e',
  vendor: 'Intel Corporation',
  product: 'Ethernet Controller X710 for 10GbE SFP+',
  vendorID: '0x8086',
  productID: '0x1572',
  firmwareVersion: '9.20 0x8000d8c5 1.3429.0',
  speedMbit: 10000
}
export const nuc = {
  manufacturer: 'Intel(R) Client Systems',
  productName: 'NUC12WSHi5',
  version: 'M46425-302',
  serialnumber: 'G6WS23400ABC',
  uuid: '5e0a1c2e-4b3d-11ee-9d4a-88aedd0a1b2c',
  wakeUpType: 'Power Switch',
  skuNumber: 'RNUC12WSHi5000'
}
