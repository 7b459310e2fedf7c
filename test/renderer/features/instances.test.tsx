import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { InstanceSummary } from '@shared/contract/instances'
import { FakeError, fixtures } from '../fake-wild'
import { renderApp } from '../render'

function world(initial: InstanceSummary[] = []) {
  let list = initial
  return {
    get list() {
      return list
    },
    handlers: {
      'instances.list': () => list,
      'instances.create': ({ name }: { name: string }) => {
        const created = fixtures.instance(name)
        list = [...list.map((i) => ({ ...i, current: false })), created]
        return created
      },
      'instances.use': ({ instance }: { instance: string }) => {
        list = list.map((i) => ({ ...i, current: i.name === instance }))
        return list.find((i) => i.name === instance)!
      },
      'instances.delete': ({ instance }: { instance: string }) => {
        list = list.filter((i) => i.name !== instance)
        return { ok: true as const }
      }
    }
  }
}

describe('instance switcher', () => {
  it('is named after the current instance', async () => {
    await renderApp({ 'instances.list': () => [fixtures.instance('home-lab')] })
    expect(await screen.findByRole('button', { name: 'Instance: home-lab' })).toBeTruthy()
  })

  it('creates the first instance from the empty state, with inline name validation', async () => {
    const w = world()
    const { user, wild } = await renderApp(w.handlers, '#/setup')
    await user.click(await screen.findByRole('button', { name: 'New instance…' }))
    const dialog = await screen.findByRole('dialog', { name: 'New instance' })
    const name = within(dialog).getByRole('textbox', { name: 'Instance name' })
    await user.clear(name)
    await user.type(name, 'Home Lab')
    await user.click(within(dialog).getByRole('button', { name: 'Create instance' }))
    expect(within(dialog).getByText(/Use lower-case letters/)).toBeTruthy()
    expect(name.getAttribute('aria-invalid')).toBe('true')
    expect(wild.callsOf('instances.create')).toEqual([])
    await user.clear(name)
    await user.type(name, 'home-lab')
    await user.click(within(dialog).getByRole('button', { name: 'Create instance' }))
    await waitFor(() => expect(wild.callsOf('instances.create')).toEqual([{ name: 'home-lab', use: true }]))
    expect(await screen.findByRole('button', { name: 'Instance: home-lab' })).toBeTruthy()
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
  })

  it('goes straight to creating one from the switcher when there is none', async () => {
    const { user } = await renderApp(world().handlers, '#/settings')
    await screen.findByText('None chosen')
    await user.click(screen.getByRole('button', { name: 'Choose instance' }))
    expect(await screen.findByRole('dialog', { name: 'New instance' })).toBeTruthy()
  })

  it('shows the core error in the dialog and keeps it open', async () => {
    const { user } = await renderApp(
      {
        'instances.list': () => [],
        'instances.create': () => {
          throw new FakeError('IO', 'Permission denied: /data. Check the data folder.')
        }
      },
      '#/setup'
    )
    await user.click(await screen.findByRole('button', { name: 'New instance…' }))
    const dialog = await screen.findByRole('dialog', { name: 'New instance' })
    await user.click(within(dialog).getByRole('button', { name: 'Create instance' }))
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/Permission denied/)
    expect(screen.getByRole('dialog', { name: 'New instance' })).toBeTruthy()
  })

  it('refuses a name that already exists without calling the core', async () => {
    const w = world([fixtures.instance('lab')])
    const { user, wild } = await renderApp(w.handlers)
    await user.click(await screen.findByRole('button', { name: 'Instance: lab' }))
    await user.click(await screen.findByRole('menuitem', { name: 'New instance…' }))
    const dialog = await screen.findByRole('dialog', { name: 'New instance' })
    await user.type(within(dialog).getByRole('textbox', { name: 'Instance name' }), 'lab')
    await user.click(within(dialog).getByRole('button', { name: 'Create instance' }))
    expect(within(dialog).getByText(/already exists/)).toBeTruthy()
    expect(wild.callsOf('instances.create')).toEqual([])
  })

  it('switches instance from the menu', async () => {
    const w = world([fixtures.instance('lab-a'), fixtures.instance('lab-b', { current: false })])
    const { user, wild } = await renderApp(w.handlers)
    await user.click(await screen.findByRole('button', { name: 'Instance: lab-a' }))
    await user.click(await screen.findByRole('menuitemradio', { name: /lab-b/ }))
    await waitFor(() => expect(wild.callsOf('instances.use')).toEqual([{ instance: 'lab-b' }]))
    expect(await screen.findByRole('button', { name: 'Instance: lab-b' })).toBeTruthy()
  })

  it('deletes only after the name is typed', async () => {
    const w = world([fixtures.instance('lab')])
    const { user, wild } = await renderApp(w.handlers)
    await user.click(await screen.findByRole('button', { name: 'Instance: lab' }))
    await user.click(await screen.findByRole('menuitem', { name: 'Delete lab…' }))
    const dialog = await screen.findByRole('dialog', { name: 'Delete instance lab?' })
    const confirm = within(dialog).getByRole('button', { name: 'Delete instance' }) as HTMLButtonElement
    expect(confirm.disabled).toBe(true)
    await user.type(within(dialog).getByRole('textbox', { name: 'Type lab to confirm' }), 'la')
    expect(confirm.disabled).toBe(true)
    await user.type(within(dialog).getByRole('textbox', { name: 'Type lab to confirm' }), 'b')
    expect(confirm.disabled).toBe(false)
    await user.click(confirm)
    await waitFor(() => expect(wild.callsOf('instances.delete')).toEqual([{ instance: 'lab', confirm: 'lab' }]))
    expect(await screen.findByRole('button', { name: 'Choose instance' })).toBeTruthy()
  })
})
