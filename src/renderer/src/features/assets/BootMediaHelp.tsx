import { useState } from 'react'
import type { Asset } from '@shared/contract/assets'
import { useCommandMutation, useCommandQuery } from '../../api/hooks'
import { Button, Card, CodeBlock, Field, InlineError, Input, Tabs } from '../../ui'

/** The command to write the ISO to a stick, for the platform the app runs on. */
export function usbCommand(platform: string, iso: string): { code: string; note: string } {
  if (platform === 'darwin') {
    return {
      code: `diskutil list\ndiskutil unmountDisk /dev/diskN\nsudo dd if="${iso}" of=/dev/rdiskN bs=4m`,
      note: 'Find the stick in "diskutil list" and replace diskN with it. Everything on the stick is erased.'
    }
  }
  if (platform === 'win32') {
    return {
      code: iso,
      note: 'Open balenaEtcher or Rufus, choose this file and the USB stick, and write it (Rufus: "DD image" mode). Everything on the stick is erased.'
    }
  }
  return {
    code: `lsblk\nsudo dd if="${iso}" of=/dev/sdX bs=4M conv=fsync status=progress`,
    note: 'Find the stick in lsblk (by its size) and replace sdX with it — not a partition like sdX1. Everything on the stick is erased.'
  }
}

export function UsbInstructions({ iso }: { iso: Asset }) {
  const info = useCommandQuery('app.info', {}, { staleTime: Infinity })
  const cmd = usbCommand(info.data?.platform ?? 'linux', iso.path)
  return (
    <div className="flex flex-col gap-2">
      <p className="text-[13px] text-muted">{cmd.note}</p>
      <CodeBlock code={cmd.code} label="Commands to write the USB stick" wrap />
      <p className="text-[13px] text-muted">Then boot the machine from the stick (often F12, F11 or Esc at power-on picks the boot device).</p>
    </div>
  )
}

function IpxeScript({ instance, version, schematicId, arch }: { instance: string; version: string; schematicId: string; arch: Asset['arch'] }) {
  const [baseUrl, setBaseUrl] = useState('http://192.168.1.10:8080/')
  const ipxe = useCommandMutation('assets.ipxe')
  return (
    <div className="flex flex-col gap-3">
      <p className="text-[13px] text-muted">
        Serve the data folder's <code>pxe/</code> directory over HTTP from this computer or a NAS, and point your DHCP server's iPXE boot file at this script.
      </p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          ipxe.mutate({ instance, version, schematicId, arch, baseUrl })
        }}
        className="flex items-end gap-2"
      >
        <Field label="Base URL of the pxe folder" className="flex-1">
          <Input value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} spellCheck={false} />
        </Field>
        <Button type="submit" loading={ipxe.isPending}>
          Make iPXE script
        </Button>
      </form>
      <InlineError error={ipxe.error} />
      {ipxe.data && <CodeBlock code={ipxe.data.script} label="iPXE script" maxHeight="16rem" />}
    </div>
  )
}

/** How to get the machine to boot Talos: a USB stick from the ISO, or the network. */
export function BootMediaHelp({ instance, assets }: { instance: string; assets: Asset[] }) {
  const iso = assets.find((a) => a.type === 'iso')
  const pxeReady = ['kernel', 'initramfs', 'cmdline'].every((t) => assets.find((a) => a.type === t)?.state === 'downloaded')
  const first = assets[0]
  return (
    <Card title="Boot the machine">
      <Tabs
        label="Boot method"
        tabs={[
          {
            id: 'usb',
            label: 'USB stick',
            content:
              iso && iso.state === 'downloaded' ? (
                <UsbInstructions iso={iso} />
              ) : (
                <p className="text-muted">Download the ISO image first; then the commands to write it to a stick appear here.</p>
              )
          },
          {
            id: 'pxe',
            label: 'Network boot (PXE)',
            content:
              pxeReady && first ? (
                <IpxeScript instance={instance} version={first.version} schematicId={first.schematicId} arch={first.arch} />
              ) : (
                <p className="text-muted">Download the kernel, initramfs and kernel command line first.</p>
              )
          }
        ]}
      />
    </Card>
  )
}
