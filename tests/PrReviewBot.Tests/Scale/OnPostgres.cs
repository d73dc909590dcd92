using PrReviewBot.Tests.Service;
using PrReviewBot.Tests.Work;

namespace PrReviewBot.Tests.Scale;

// The end-to-end suites that exercise storage, once more on PostgreSQL (skipped only without a server and outside
// scripts/test.sh). Their SQLite runs are the classes themselves.

public sealed class WebhookIntakeTestsOnPostgres : WebhookIntakeTests
{
    protected override bool OnPostgres => true;
}

public sealed class ReviewFlowTestsOnPostgres : ReviewFlowTests
{
    protected override bool OnPostgres => true;
}

public sealed class ReviewFlowUpdateTestsOnPostgres : ReviewFlowUpdateTests
{
    protected override bool OnPostgres => true;
}

public sealed class NonOptimizationTestsOnPostgres : NonOptimizationTests
{
    protected override bool OnPostgres => true;
}

public sealed class ConfigurationTestsOnPostgres : ConfigurationTests
{
    protected override bool OnPostgres => true;
}

public sealed class CoalescingTestsOnPostgres : CoalescingTests
{
    protected override bool OnPostgres => true;
}

public sealed class RerunTestsOnPostgres : RerunTests
{
    protected override bool OnPostgres => true;
}

public sealed class GateModeTestsOnPostgres : GateModeTests
{
    protected override bool OnPostgres => true;
}

public sealed class CommandTestsOnPostgres : CommandTests
{
    protected override bool OnPostgres => true;
}

public sealed class OverrideTestsOnPostgres : OverrideTests
{
    protected override bool OnPostgres => true;
}

public sealed class EvalScenarioTestsOnPostgres : EvalScenarioTests
{
    protected override bool OnPostgres => true;
}

public sealed class ThroughputTestsOnPostgres : ThroughputTests
{
    protected override bool OnPostgres => true;
}
