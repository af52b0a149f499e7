#!/usr/bin/env python3
"""The shape of the main code, as issue 12 measures it: largest files, longest methods, instanceof over sync actions,
Either<String, ...> signatures, one-element arrays used as holders, and ambient time in the domain and application.
Run from the repository root: python3 bench/code_shape.py [N]   (N: rows of the two top lists, default 10)."""
import re, subprocess, sys

N = int(sys.argv[1]) if len(sys.argv) > 1 else 10
files = subprocess.check_output(['git', 'ls-files', '*/src/main/*.java']).decode().split()
text = {f: open(f, encoding='utf-8').read() for f in files}

# A method or constructor: a signature at some indent ending in '{', closed by '}' at the same indent.
SIG = re.compile(r'^( +)(?=\S)(?:(?:public|private|protected|static|final|synchronized|default|abstract|@\w+)\s+)*'
                 r'(?:<[^>]+>\s+)?(?:\w[\w<>\[\],.? ]*\s+)?(\w+)\s*\([^;]*$')
SKIP = re.compile(r'\b(class|record|interface|enum|new|return|if|for|while|switch|else|case|throw|catch|try)\b|=')
methods = []
for f, t in text.items():
    lines = t.split('\n')
    i = 0
    while i < len(lines):
        m = SIG.match(lines[i])
        if m and not SKIP.search(lines[i].split('(')[0]):
            indent, j = m.group(1), i
            while j < len(lines) and not lines[j].rstrip().endswith(('{', ';', '}')):
                j += 1
            if j < len(lines) and lines[j].rstrip().endswith('{'):
                k = j + 1
                while k < len(lines) and lines[k].rstrip() != indent + '}':
                    k += 1
                methods.append((k - i + 1, f.split('/')[-1][:-5] + '.' + m.group(2)))
                i = k
        i += 1
methods.sort(reverse=True)

def count(pattern, only=None):
    rx = re.compile(pattern)
    return sum(len(rx.findall(t)) for f, t in text.items() if only is None or any(f.startswith(o) for o in only))

print('main code: %d files, %d lines' % (len(files), sum(t.count('\n') for t in text.values())))
print('\nlargest files (lines):')
for n, f in sorted(((t.count('\n'), f.split('/')[-1]) for f, t in text.items()), reverse=True)[:N]:
    print('  %5d  %s' % (n, f))
print('\nlongest methods (lines):')
for n, name in methods[:N]:
    print('  %5d  %s' % (n, name))
print('\nmethods over 60 lines: %d' % sum(1 for n, _ in methods if n > 60))
print('instanceof (all): %d' % count(r'\binstanceof\b'))
print('instanceof over sync actions: %d' % count(r'instanceof\s+(?:SyncAction\.)?(?:MakeDirectory|Copy|Move|SetMetadata|Delete)\b'))
print('Either<String, ...>: %d' % count(r'Either<String\b'))
holders = r'^\s+(?:final\s+)?\w+\[\]\s+\w+\s*=\s*\{[^,{}]+\};'
print('one-element arrays as holders: %d' % sum(len(re.findall(holders, t, re.M)) for t in text.values()))
core = ['sync-domain/', 'sync-application/']
print('ambient time/threads in domain+application (nanoTime, currentTimeMillis, Instant.now, '
      'ZoneId.systemDefault, Thread.sleep, new Thread): %d'
      % count(r'System\.nanoTime|System\.currentTimeMillis|Instant\.now\(|ZoneId\.systemDefault|Thread\.sleep|new Thread\(', core))
