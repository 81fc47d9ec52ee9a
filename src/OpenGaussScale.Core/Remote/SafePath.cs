namespace OpenGaussScale.Core.Remote;

/// <summary>
/// Whether a file or directory is one only its owner (and root) could have put there: not a symbolic link, owned by
/// the expected user, writable by nobody else, and every directory above it (symbolic links resolved) owned by root
/// or that user and writable by nobody else - except a root-owned sticky directory such as /tmp, where others cannot
/// replace what they do not own (the rule OpenSSH's StrictModes applies to ~/.ssh). Root checks a path this way
/// before it trusts a file (a journal) or writes or runs anything in a directory (a package directory).
/// </summary>
public static class SafePath
{
    /// <summary>
    /// sh -c script: $1 is f (a regular file), d (a directory) or a (a path not made yet: only the directories above
    /// it count), $2 the expected owner (empty: the user running the script), then the paths. For each path that is
    /// not safe it prints one line, "INDEX REASON" (INDEX counts the paths from 1); it always exits 0.
    /// The directories above a path are walked once for a run of paths in the same directory (the last one that
    /// passed is remembered): a journal directory of hundreds of runs costs one walk, not one per file (each walk
    /// forks a stat and a dirname per level).
    /// </summary>
    public const string Script = """
        k=$1; u=${2:-$(id -un)}; shift 2; i=0; ok=
        for p in "$@"; do
          i=$((i + 1))
          if [ "$k" = a ]; then
            d=$p; while [ ! -e "$d" ] && [ ! -L "$d" ]; do d=$(dirname -- "$d"); done
          else
            if [ -L "$p" ]; then echo "$i is a symbolic link"; continue; fi
            if [ "$k" = f ] && [ ! -f "$p" ]; then echo "$i is not a regular file"; continue; fi
            if [ "$k" = d ] && [ ! -d "$p" ]; then echo "$i is not a directory"; continue; fi
            s=$(stat -c '%U %a' -- "$p") || { echo "$i cannot be examined"; continue; }
            set -- $s
            if [ "$1" != "$u" ]; then echo "$i belongs to $1, not to $u"; continue; fi
            if [ $((0$2 & 022)) -ne 0 ]; then echo "$i can be written by others than $u (mode $2)"; continue; fi
            d=$(dirname -- "$p")
          fi
          [ -n "$ok" ] && [ "$d" = "$ok" ] && continue
          w=$d; bad=
          d=$(cd -P -- "$d" 2>/dev/null && pwd) || { echo "$i is in a directory that cannot be entered"; continue; }
          while :; do
            s=$(stat -c '%U %a' -- "$d") || { echo "$i is under $d, which cannot be examined"; bad=1; break; }
            set -- $s
            if [ "$1" != root ] && [ "$1" != "$u" ]; then echo "$i is under $d, which belongs to $1"; bad=1; break; fi
            if [ $((0$2 & 022)) -ne 0 ] && { [ "$1" != root ] || [ $((0$2 & 01000)) -eq 0 ]; }; then
              echo "$i is under $d, which others can write (mode $2)"; bad=1; break
            fi
            [ "$d" = / ] && break
            d=$(dirname -- "$d")
          done
          if [ -z "$bad" ]; then ok=$w; fi
        done
        """;

    /// <summary>
    /// sh -c script: $1 a directory root is about to run programs from; prints the first file or directory under it
    /// that root does not own or that others (group or anyone) can write, and nothing when there is none; exits
    /// non-zero when the walk itself fails. Another root step may write a file there through a temporary name while
    /// this runs (hosts that share one file system share the package directory), so a name find read and then could
    /// not examine is looked at again alone: one that is gone, or is root's now, is no danger (-ignore_readdir_race,
    /// GNU find, only stops the walk from failing on it; find counts it as a match).
    /// </summary>
    public const string TreeScript = """
        m=$(find "$1" -ignore_readdir_race \( ! -user 0 -o -perm -0002 -o -perm -0020 \) -print) || exit 1
        [ -n "$m" ] || exit 0
        printf '%s\n' "$m" | while IFS= read -r p; do
          if [ -n "$(find "$p" -maxdepth 0 \( ! -user 0 -o -perm -0002 -o -perm -0020 \) -print 2>/dev/null)" ]; then
            printf '%s\n' "$p"; break
          fi
        done
        """;

    /// <summary>The check of <paramref name="paths"/> as a command (run as the user whose view counts, usually root).</summary>
    /// <param name="owner">The expected owner; null: the user the command runs as.</param>
    public static RemoteCommand Command(SafePathKind kind, string? owner, IEnumerable<string> paths) =>
        new(["sh", "-c", Script, "ogscale-safe-path", kind switch { SafePathKind.File => "f", SafePathKind.Directory => "d", _ => "a" }, owner ?? "", .. paths]);

    /// <summary>The script's output: for each refused path (by its position in the list), why.</summary>
    public static IReadOnlyDictionary<int, string> Refusals(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var refusals = new Dictionary<int, string>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && int.TryParse(line.AsSpan(0, space), System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                refusals[index - 1] = line[(space + 1)..];
            }
        }

        return refusals;
    }

    /// <summary>
    /// Null when root may run what <paramref name="directory"/> holds: the directory is root's and safe, and root owns
    /// everything under it and nobody else can write any of it; else the reason. <paramref name="shell"/> runs as root.
    /// </summary>
    public static async Task<string?> WhyRootMustNotRunFromAsync(IRemoteShell shell, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shell);
        if (await WhyUnsafeAsync(shell, SafePathKind.Directory, "root", directory, cancellationToken).ConfigureAwait(false) is { } reason)
        {
            return reason;
        }

        var tree = await shell.RunCheckedAsync(new RemoteCommand(["sh", "-c", TreeScript, "ogscale-safe-tree", directory]), cancellationToken).ConfigureAwait(false);
        return tree.StandardOutput.Trim() is { Length: > 0 } first ? $"{first} (under {directory}) is not root's alone" : null;
    }

    /// <summary>Checks one path through <paramref name="shell"/>; null when it is safe, else the reason ("/x belongs to omm, not to root").</summary>
    public static async Task<string?> WhyUnsafeAsync(IRemoteShell shell, SafePathKind kind, string? owner, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shell);
        var result = await shell.RunCheckedAsync(Command(kind, owner, [path]), cancellationToken).ConfigureAwait(false);
        return Refusals(result.StandardOutput).TryGetValue(0, out var reason) ? $"{path} {reason}" : null;
    }
}

/// <summary>What <see cref="SafePath"/> expects to find.</summary>
public enum SafePathKind
{
    File,
    Directory,

    /// <summary>A path not made yet: the directories above it must be safe.</summary>
    NotMadeYet,
}
