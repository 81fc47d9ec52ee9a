namespace OpenGaussScale.Playground;

/// <summary>Progress lines of a playground verb, safe to write from parallel host tasks.</summary>
public sealed class PlaygroundLog(TextWriter writer)
{
    private readonly Lock _lock = new();

    public void Info(string line)
    {
        lock (_lock)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
