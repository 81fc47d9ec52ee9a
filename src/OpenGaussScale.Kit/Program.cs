namespace OpenGaussScale.Kit;

/// <summary>The multi-call entry point: `ogkit TOOL ARGS...` (the package's bin/TOOL wrappers call it so).</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: ogkit TOOL [ARGS...]");
            return 2;
        }

        Console.Error.WriteLine($"ogkit: unknown tool {args[0]}");
        return 2;
    }
}
