import { describe, expect, it } from 'vitest'
import { JsonObjectSplitter, parseJsonObjects } from '@core/talos/json-stream'
import { AppError } from '@shared/errors'

const twoObjects = '{\n    "a": 1\n}\n{\n    "b": {\n        "c": [1, 2]\n    }\n}\n'

describe('JsonObjectSplitter', () => {
  it.each([
    ['empty output (an empty list)', '', []],
    ['whitespace only', '\n  \n', []],
    ['one object', '{"a": 1}\n', [{ a: 1 }]],
    ['objects back to back with "}\\n{"', twoObjects, [{ a: 1 }, { b: { c: [1, 2] } }]],
    ['objects with no separator at all', '{"a":1}{"b":2}', [{ a: 1 }, { b: 2 }]],
    ['braces inside strings', '{"s": "a } b { c"}\n{"t": "]["}', [{ s: 'a } b { c' }, { t: '][' }]],
    ['escaped quotes and backslashes inside strings', '{"s": "say \\"}\\" \\\\"}\n{"x": 1}', [{ s: 'say "}" \\' }, { x: 1 }]],
    ['Go-escaped <, > and &', '{"s": "\\u003cnone\\u003e \\u0026"}', [{ s: '<none> &' }]],
    ['CRLF line ends', '{\r\n    "a": 1\r\n}\r\n', [{ a: 1 }]]
  ])('parses %s', (_name, text, expected) => {
    expect(parseJsonObjects(text)).toEqual(expected)
  })

  it('gives the same objects when fed one character at a time', () => {
    const splitter = new JsonObjectSplitter()
    const got: string[] = []
    for (const ch of twoObjects) got.push(...splitter.push(ch))
    splitter.end()
    expect(got.map((t) => JSON.parse(t))).toEqual([{ a: 1 }, { b: { c: [1, 2] } }])
  })

  it('hands back an object as soon as it is complete, before the next one starts', () => {
    const splitter = new JsonObjectSplitter()
    expect(splitter.push('{"a": "x{"')).toEqual([])
    expect(splitter.push('}\n{"b"')).toEqual(['{"a": "x{"}'])
    expect(splitter.push(': 2}')).toEqual(['{"b": 2}'])
  })

  it.each([
    ['an array instead of objects', '[{"a":1}]'],
    ['text between objects', '{"a":1}\nWARNING: something\n{"b":2}'],
    ['an object cut short', '{"a": {"b": 1}'],
    ['a string cut short', '{"a": "abc'],
    ['invalid JSON inside braces', '{"a": 1,}']
  ])('refuses %s as MALFORMED_OUTPUT', (_name, text) => {
    let err: unknown
    try {
      parseJsonObjects(text)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).code).toBe('MALFORMED_OUTPUT')
  })
})
