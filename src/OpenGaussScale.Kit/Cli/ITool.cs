namespace OpenGaussScale.Kit.Cli;

/// <summary>One openGauss command the kit imitates (gs_ctl, gs_guc, ...), called as `ogkit NAME ARGS...`.</summary>
public interface ITool
{
    /// <summary>The command name as the package's wrapper passes it.</summary>
    string Name { get; }

    int Run(IReadOnlyList<string> args, ToolContext context);
}
