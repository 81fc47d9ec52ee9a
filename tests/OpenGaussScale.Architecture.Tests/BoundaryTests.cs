using ArchUnitNET.xUnit;

namespace OpenGaussScale.Architecture.Tests;

/// <summary>Rules 2 to 5: what Core, Ssh and the product's Cli must not reach.</summary>
public class BoundaryTests
{
    /// <summary>The product's outer projects and the libraries only they may use (design.md: Core is SSH- and CLI-free).</summary>
    private static readonly string[] OutsideCore =
    [
        "OpenGaussScale.Cli",
        "OpenGaussScale.Ssh",
        "OpenGaussScale.Playground",
        "OpenGaussScale.Kit",
        "Renci.SshNet",
        "System.CommandLine",
    ];

    [Fact]
    public void Core_uses_no_outer_project_nor_SSH_nor_command_line_library()
    {
        var rule = Layering.In(Layering.Core)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(Any(OutsideCore));
        rule.Check(Layering.Architecture);
    }

    /// <summary>
    /// Core reads no environment variable (nor anything else of the process's environment): what a run depends on comes
    /// in through its request and OperationEnvironment, so the fault hook and the state directory are the CLI's choice.
    /// </summary>
    [Fact]
    public void Core_reads_no_process_environment()
    {
        var rule = Layering.In(Layering.Core)
            .Should().NotDependOnAnyTypesThat().HaveFullNameMatching(@"^System\.Environment$");
        rule.Check(Layering.Architecture);
    }

    [Fact]
    public void Ssh_uses_no_Core_folder_below_Remote()
    {
        var rule = Layering.In("OpenGaussScale.Ssh")
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(Any(Layering.Below("Remote").Select(Layering.Folder)));
        rule.Check(Layering.Architecture);
    }

    /// <summary>The file a DBA copies onto a primary holds none of the test bed (ogscale-playground and the kit).</summary>
    [Fact]
    public void The_product_Cli_uses_neither_the_playground_nor_the_kit()
    {
        var rule = Layering.In("OpenGaussScale.Cli")
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(Any(["OpenGaussScale.Playground", "OpenGaussScale.Kit"]));
        rule.Check(Layering.Architecture);
    }

    private static string Any(IEnumerable<string> namespaces) =>
        $"({string.Join('|', namespaces.Select(Layering.NamespacePattern))})";
}
