using OpenGaussScale.Kit.Tools.Gaussdb;
using OpenGaussScale.Kit.Tools.GsCtl;
using OpenGaussScale.Kit.Tools.GsGuc;
using OpenGaussScale.Kit.Tools.GsOm;
using OpenGaussScale.Kit.Tools.Gsql;
using OpenGaussScale.Kit.Tools.Om;

namespace OpenGaussScale.Kit.Cli;

/// <summary>Every tool of the kit, by the name the wrappers pass, and the one place failures become exit codes.</summary>
public static class ToolRegistry
{
    public static readonly IReadOnlyList<ITool> Tools =
    [
        new GsCtlTool(), new GsGucTool(), new GsOmTool(), new GsqlTool(), new GaussdbTool(),
        new PreinstallTool(), new InstallTool(), new InitInstanceTool(), new BackupTool(), new StartInstanceTool(), new ResetReplConnInfoTool(),
    ];

    /// <summary>Tools the Server package puts in bin/ (the rest are OM scripts).</summary>
    public static readonly IReadOnlyList<string> ServerBinTools = ["gaussdb", "gs_ctl", "gs_guc", "gsql"];

    /// <summary>Runs `TOOL ARGS...`; a <see cref="KitException"/> is printed to stderr and becomes the exit code.</summary>
    public static int Run(IReadOnlyList<string> args, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        if (args.Count == 0)
        {
            context.Error.WriteLine("usage: ogkit TOOL [ARGS...]   (tools: " + string.Join(", ", Tools.Select(t => t.Name)) + ")");
            return 2;
        }

        var tool = Tools.FirstOrDefault(t => t.Name == args[0]);
        if (tool is null)
        {
            context.Error.WriteLine($"ogkit: unknown tool {args[0]} (tools: {string.Join(", ", Tools.Select(t => t.Name))})");
            return 2;
        }

        try
        {
            return tool.Run(args.Skip(1).ToList(), context);
        }
        catch (KitException e)
        {
            context.Error.WriteLine(e.Message);
            return e.ExitCode;
        }
    }
}
