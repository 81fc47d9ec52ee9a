namespace OpenGaussScale.Playground.Os;

/// <summary>
/// Rewrites a file's content without replacing the file: a bind mount pins the inode, so a write-to-temp-and-rename
/// would leave the host looking at the old content.
/// </summary>
public static class InPlaceFile
{
    public static void WriteAllText(string path, string content)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        stream.SetLength(0);
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.Write(content);
    }
}
