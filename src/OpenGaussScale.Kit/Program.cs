using OpenGaussScale.Kit.Cli;

namespace OpenGaussScale.Kit;

/// <summary>The multi-call entry point: `ogkit TOOL ARGS...` (the package's bin/TOOL wrappers call it so).</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return ToolRegistry.Run(args, ToolContext.FromProcess());
    }
}
