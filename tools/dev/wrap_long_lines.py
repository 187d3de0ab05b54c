#!/usr/bin/env python3
"""Wraps Swift source lines longer than a limit (120 columns) that swift format cannot break:
long string literals are split into "first part " + "rest" at a space, long comments at a word.
Usage: tools/dev/wrap_long_lines.py [--limit 120] FILE...   (then run `swift format -i`)."""
import re
import sys

LIMIT = 120


def literal_spans(line):
    """(start, end) of each ordinary string literal on the line (end = index of the closing quote),
    and for each the positions inside it that are outside interpolations; None when the line has a
    raw or multi-line string."""
    if '"""' in line or '#"' in line:
        return None
    spans = []
    i = 0
    n = len(line)
    while i < n:
        c = line[i]
        if c == '/' and line[i:i + 2] == '//':
            break
        if c == '"':
            start = i
            i += 1
            free = []
            while i < n:
                c = line[i]
                if c == '\\' and i + 1 < n and line[i + 1] == '(':
                    depth = 1
                    i += 2
                    while i < n and depth:
                        if line[i] == '"':
                            # nested literal inside an interpolation: skip it
                            i += 1
                            while i < n and line[i] != '"':
                                i += 2 if line[i] == '\\' else 1
                        elif line[i] == '(':
                            depth += 1
                        elif line[i] == ')':
                            depth -= 1
                        i += 1
                    continue
                if c == '\\':
                    i += 2
                    continue
                if c == '"':
                    break
                free.append(i)
                i += 1
            spans.append((start, i, free))
        i += 1
    return spans


def split_literal(line, limit):
    spans = literal_spans(line)
    if not spans:
        return None
    indent = len(line) - len(line.lstrip())
    for start, end, free in spans:
        # a split point: a space inside the literal, outside interpolations, keeping the first line short
        candidates = [p for p in free if line[p] == ' ' and p + 1 < limit - 1 and p > start + 10 and p < end - 1]
        if not candidates:
            continue
        p = max(candidates)
        before = line[:p + 1] + '"'
        after = ' ' * (indent + 4) + '+ "' + line[p + 1:]
        return [before, after]
    return None


def split_comment(line, limit):
    m = re.match(r'^(\s*)(///?)\s(.*)$', line)
    if not m:
        return None
    indent, marker, text = m.groups()
    prefix = f"{indent}{marker} "
    words = text.split(' ')
    first = prefix
    rest = []
    for k, word in enumerate(words):
        if len(first) + len(word) + 1 > limit and first != prefix:
            rest = words[k:]
            break
        first += ('' if first == prefix else ' ') + word
    if not rest:
        return None
    return [first, prefix + ' '.join(rest)]


def wrap(lines, limit):
    out = []
    changed = False
    in_multiline = False
    for line in lines:
        if line.count('"""') % 2 == 1:
            in_multiline = not in_multiline
            out.append(line)
            continue
        if in_multiline or len(line) <= limit:
            out.append(line)
            continue
        pieces = split_comment(line, limit) if line.lstrip().startswith('//') else split_literal(line, limit)
        if pieces:
            changed = True
            out.extend(pieces)
        else:
            out.append(line)
    return out, changed


def main(argv):
    limit = LIMIT
    files = argv
    if argv and argv[0] == '--limit':
        limit, files = int(argv[1]), argv[2:]
    for path in files:
        lines = open(path, encoding='utf-8').read().split('\n')
        for _ in range(20):
            lines, changed = wrap(lines, limit)
            if not changed:
                break
        open(path, 'w', encoding='utf-8').write('\n'.join(lines))


if __name__ == '__main__':
    main(sys.argv[1:])
