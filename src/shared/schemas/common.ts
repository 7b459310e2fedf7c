import { z } from 'zod'

export const InstanceName = z
  .string()
  .min(1, 'Name is required')
  .max(63, 'Name must be at most 63 characters')
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, 'Use lower-case letters, digits and hyphens; start and end with a letter or digit')
export type InstanceName = z.infer<typeof InstanceName>

export const IPv4 = z.ipv4({ error: 'Not an IPv4 address (like 192.168.1.50)' })
export type IPv4 = z.infer<typeof IPv4>

export const Cidr = z.cidrv4({ error: 'Not a CIDR range (like 192.168.1.0/24)' })
export type Cidr = z.infer<typeof Cidr>

export const Mac = z
  .string()
  .transform((s) => s.toLowerCase())
  .pipe(z.mac({ delimiter: ':', error: 'Not a MAC address (like 00:1a:2b:3c:4d:5e)' }))
export type Mac = z.infer<typeof Mac>

/** RFC 1123 label: what Talos and Kubernetes accept as a node name. */
export const Hostname = z
  .string()
  .min(1, 'Hostname is required')
  .max(63, 'Hostname must be at most 63 characters')
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, 'Hostname must be lower-case letters, digits and hyphens, starting and ending with a letter or digit')
export type Hostname = z.infer<typeof Hostname>

export const OperationId = z.string().regex(/^op_[a-z0-9_-]{1,120}$/, 'Not an operation id')

export const Empty = z.object({}).strict()
export const InstanceRef = z.object({ instance: InstanceName }).strict()
export const Ok = z.object({ ok: z.literal(true) })
