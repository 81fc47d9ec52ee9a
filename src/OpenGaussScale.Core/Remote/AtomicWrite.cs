namespace OpenGaussScale.Core.Remote;

/// <summary>
/// The one way ogscale writes a whole file on a node: stdin into a temporary file next to it, flushed to disk, then
/// renamed over the target, so a crash leaves either the old file or the new one, never half of one.
/// </summary>
public static class AtomicWrite
{
    /// <summary>
    /// sh -c script: $1 is the target path; the content comes on stdin. The temporary file has a name nobody can
    /// guess and is made by mktemp (O_EXCL, mode 0600: never a file or symbolic link someone put there first), then
    /// given the target's usual mode (0644) and renamed over the target (a rename replaces a symbolic link, never
    /// follows it; -T: never into a directory of that name). A failed write removes its temporary file.
    /// </summary>
    public const string Script =
        "t=$(mktemp -- \"$1.ogscale-XXXXXXXX\") || exit 1; " +
        "if cat > \"$t\" && { sync \"$t\" 2>/dev/null || true; } && chmod 0644 -- \"$t\" && mv -fT -- \"$t\" \"$1\"; then exit 0; fi; rm -f -- \"$t\"; exit 1";
}
