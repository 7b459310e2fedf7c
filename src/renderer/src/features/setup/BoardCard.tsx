import { ShieldCheck } from 'lucide-react'
import type { Arch } from '@shared/contract/assets'
import type { OverlayList } from '@shared/contract/boards'
import type { HardwareInfo } from '@shared/contract/talos'
import { Badge, Card, ErrorNotice, Field, Select, Spinner } from '../../ui'
import type { ClientError } from '../../api/client'
import { overlayKey, type BoardForm } from './board-form'

const SOURCE_LABEL: Record<NonNullable<HardwareInfo['archSource']>, string> = {
  talos: 'Talos reports it',
  'network-boot': 'its network boot',
  board: 'its board identity',
  cpu: 'its CPU name'
}

function ArchChoice({ value, onChange }: { value: Arch | null; onChange: (a: Arch) => void }) {
  const options: Array<[Arch, string, string]> = [
    ['amd64', 'amd64 (x86-64)', 'PCs, mini PCs, servers and most virtual machines with Intel or AMD processors.'],
    ['arm64', 'arm64 (AArch64)', 'Single-board computers (Raspberry Pi, Rockchip boards such as the ROCK 5B, Jetson) and Arm servers.']
  ]
  return (
    <fieldset className="grid grid-cols-2 gap-2">
      <legend className="mb-1.5 text-[13px] font-medium">Architecture</legend>
      {options.map(([arch, label, hint]) => (
        <label
          key={arch}
          className="flex cursor-pointer items-start gap-2.5 rounded-md border border-line px-3 py-2.5 has-[:checked]:border-accent has-[:checked]:bg-accent-soft"
        >
          <input
            type="radio"
            name="arch"
            value={arch}
            checked={value === arch}
            onChange={() => onChange(arch)}
            className="mt-0.5 size-4 accent-[var(--wc-accent)]"
          />
          <span>
            <span className="block font-medium">{label}</span>
            <span className="block text-[13px] text-muted">{hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  )
}

function OverlayPicker({
  hw,
  form,
  list,
  error,
  set
}: {
  hw: HardwareInfo
  form: BoardForm
  list: { data?: OverlayList; isLoading: boolean; error: ClientError | null; refetch: () => unknown }
  error?: string
  set: (p: Partial<BoardForm>) => void
}) {
  if (list.isLoading) return <Spinner inline label="Asking the Image Factory for its board overlays…" />
  if (list.error) {
    return <ErrorNotice compact title="The overlay list could not be loaded" error={list.error} onRetry={() => void list.refetch()} />
  }
  const overlays = list.data?.overlays ?? []
  const suggested = hw.board?.overlay ? overlayKey(hw.board.overlay) : null
  const hint = hw.board
    ? `Preselected: the overlay for the ${hw.board.name}. Pick another only if this is a different board.`
    : 'Pick the overlay named after your board. It adds the board’s firmware and device trees to the boot media and the installer.'
  return (
    <div className="flex flex-col gap-2">
      <Field label="Board overlay" error={error} hint={hint}>
        <Select value={form.overlay ?? ''} onChange={(e) => set({ overlay: e.target.value || null, secureBoot: false })} className="max-w-96">
          <option value="">Choose the board…</option>
          {overlays.map((o) => (
            <option key={overlayKey(o)} value={overlayKey(o)}>
              {o.name} — {o.image}
              {overlayKey(o) === suggested ? ' (detected)' : ''}
            </option>
          ))}
        </Select>
      </Field>
      {list.data && list.data.source !== 'factory' && (
        <p className="text-[13px] text-warn">
          The Image Factory did not answer ({list.data.offlineReason}); this is{' '}
          {list.data.source === 'cache' ? 'the last list it gave' : 'the list known when the app was built'}.
        </p>
      )}
    </div>
  )
}

/** The one-time key enrolment, in the words an operator follows at the machine's console. */
function SecureBootNote({ on, onChange, disabled }: { on: boolean; onChange: (v: boolean) => void; disabled: boolean }) {
  return (
    <div role="note" aria-label="Secure Boot" className="flex gap-3 rounded-lg border border-info/30 bg-info-soft p-3.5">
      <ShieldCheck aria-hidden className="mt-0.5 size-4 shrink-0 text-info" />
      <div className="flex flex-col gap-2 text-[13px]">
        <label className="flex cursor-pointer items-center gap-2 font-medium">
          <input type="checkbox" checked={on} disabled={disabled} onChange={(e) => onChange(e.target.checked)} className="size-4 accent-[var(--wc-accent)]" />
          Use the Secure Boot ISO and installer
        </label>
        <p className="text-muted">
          This machine reports Secure Boot enabled. It only starts software signed with a key its firmware trusts, so it needs the signed Talos ISO and
          installer. The firmware does not know Talos's key yet; you enrol it once:
        </p>
        <ol className="ml-4 list-decimal text-muted">
          <li>In the firmware settings (the key shown at power-on, often Del, F2 or Esc), find Secure Boot and reset or clear its keys (setup mode).</li>
          <li>Boot the Secure Boot ISO and choose “Enroll Secure Boot keys: auto” in its boot menu.</li>
          <li>The machine reboots with the key enrolled and from then on boots the signed Talos images, upgrades included.</li>
        </ol>
        {disabled && <p className="text-muted">Board overlays boot through the board’s own firmware, not Secure Boot.</p>}
      </div>
    </div>
  )
}

/**
 * The Hardware step's architecture and board: what detection says and where it came from, the
 * operator's choice when it says nothing, the arm64 overlay from the factory's list and the
 * Secure Boot media.
 */
export function BoardCard({
  hw,
  form,
  set,
  error,
  overlays
}: {
  hw: HardwareInfo
  form: BoardForm
  set: (p: Partial<BoardForm>) => void
  error?: string
  overlays: { data?: OverlayList; isLoading: boolean; error: ClientError | null; refetch: () => unknown }
}) {
  const detected = hw.arch ?? hw.board?.arch ?? null
  return (
    <Card
      title="Architecture and board"
      actions={form.arch ? <Badge tone={form.arch === 'arm64' ? 'accent' : 'neutral'}>{form.arch}</Badge> : <Badge tone="warn">unknown</Badge>}
    >
      <div className="flex flex-col gap-4">
        {detected ? (
          <p className="text-[13px]">
            Detected <span className="font-medium">{detected}</span>
            {hw.archSource ? `, source: ${SOURCE_LABEL[hw.archSource]}` : ''}. <span className="text-muted">{hw.archReason}</span>
          </p>
        ) : (
          <>
            <p className="text-[13px] text-muted">{hw.archReason} Choose it: the boot media and installer are built for one architecture.</p>
            <ArchChoice value={form.arch} onChange={(arch) => set({ arch, overlay: null })} />
            {error && !form.arch && <p className="text-[13px] text-danger">{error}</p>}
          </>
        )}
        {form.arch === 'arm64' && <OverlayPicker hw={hw} form={form} list={overlays} error={form.arch ? error : undefined} set={set} />}
        {hw.secureBoot && <SecureBootNote on={form.secureBoot} disabled={form.overlay !== null} onChange={(secureBoot) => set({ secureBoot })} />}
      </div>
    </Card>
  )
}
