using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Tests.Items;

public class RollbackTests
{
    [Fact]
    public void FlagDisableAndBehaviour_IsPresent()
    {
        var verdict = Review.Of("**Rollback:** flag `items_redis_cache`; `flags set items_redis_cache=false` bypasses Redis and reads straight from Postgres, as before.");
        Assert.True(verdict.Item(ItemKind.Rollback).Present);
        Assert.Equal(["items_redis_cache"], verdict.Flags);
    }

    [Fact]
    public void FeatureGateWithBehaviourInNextSentence_IsPresent()
    {
        var verdict = Review.Of("**Rollback:** pass `--feature-gates=MinimizeIPTablesRestore=false` to kube-proxy. It then goes back to restoring the complete ruleset on every sync.");
        Assert.True(verdict.Item(ItemKind.Rollback).Present);
        Assert.Equal(["MinimizeIPTablesRestore"], verdict.Flags);
    }

    [Fact]
    public void SqlSettingWithBehaviour_IsPresent()
    {
        var verdict = Review.Of("### Rollback\n`SET optimize_move_to_prewhere_if_final = 0` (per query): `FINAL` queries then keep those conditions in `WHERE`, exactly as before.");
        Assert.True(verdict.Item(ItemKind.Rollback).Present);
        Assert.Equal(["optimize_move_to_prewhere_if_final"], verdict.Flags);
    }

    [Fact]
    public void FlagWithoutDisableInstruction_IsMissing()
    {
        var item = Review.Item("Turns on the experimental `memory-snapshot-on-shutdown` feature flag, which should make restarts faster.", ItemKind.Rollback);
        Assert.False(item.Present);
        Assert.Contains("does not say how to disable", item.Messages[0]);
        Assert.Contains("`memory-snapshot-on-shutdown`", item.Messages[0]);
    }

    [Fact]
    public void DisableInstructionWithoutBehaviour_IsMissing()
    {
        var item = Review.Item("## Flags\n`feed_l1_cache` and `feed_singleflight` default on. Any of them can be switched off in the flags service.", ItemKind.Rollback);
        Assert.False(item.Present);
        Assert.Contains("does not say what happens", Assert.Single(item.Messages));
    }

    [Fact]
    public void RevertIsNotASwitch()
    {
        var item = Review.Item("## Rollback\nRevert the commit if needed.", ItemKind.Rollback);
        Assert.False(item.Present);
        Assert.Contains("not a rollback switch", item.Messages[0]);
    }

    [Fact]
    public void OffByDefaultIsNotADisableInstruction()
    {
        var item = Review.Item("Registers a new feature flag `enterprise-perf` for upcoming work. Off by default.", ItemKind.Rollback);
        Assert.False(item.Present);
        Assert.Contains("does not say how to disable", item.Messages[0]);
    }

    [Fact]
    public void DisableWithoutName_IsMissingAndAsksForTheName()
    {
        var item = Review.Item("Faster. Type checks are now off by default; set the environment variable to turn the checks back on.", ItemKind.Rollback);
        Assert.False(item.Present);
        Assert.Contains("names no switch", item.Messages[0]);
    }

    [Fact]
    public void EnvironmentVariableSwitch_IsPresent()
    {
        Assert.True(Review.Present("## Rollback\n`DOTNET_TieredPGO_InstrumentOnlyHotCode=0` goes back to instrumenting every method at tier0, as before this change.", ItemKind.Rollback));
    }

    [Fact]
    public void MetricNamesAreNotSwitches()
    {
        var verdict = Review.Of("## Rollback\nWatch `container_memory_usage_bytes` and `http_requests_total`.");
        Assert.Empty(verdict.Flags);
    }
}

public class RollbackPhrasingTests
{
    [Fact]
    public void ConsoleVariableSetToZero_IsADisableInstruction()
    {
        Assert.True(Review.Present("## Rollback\nConsole variable `r.ClusteredLighting` (default 1). `r.ClusteredLighting 0` in the console goes back to the per-fragment loop.", ItemKind.Rollback));
    }

    [Theory]
    [InlineData("`CACHE_SHARDED=false` in the deployment env switches back to the single-mutex cache on the next restart.")]
    [InlineData("`flags set feed_batched_query=false` brings back the per-item lookups.")]
    [InlineData("Setting `ingest.pooled_buffers` to false restores the old allocation path.")]
    public void BehaviourPhrasings_AreRecognised(string sentence) => Assert.True(Review.Present("## Rollback\n" + sentence, ItemKind.Rollback));

    [Fact]
    public void ConfigFileNamesAreNotSwitches()
    {
        var verdict = Review.Of("## Rollback\nSet `cache.enabled: false` in `engine.ini`; reads then go to the database.");
        Assert.Equal(["cache.enabled"], verdict.Flags);
    }

    [Theory]
    [InlineData("## Rollback\nSet the repository variable `CI_TEST_SHARDS` back to 1; the suite then runs in one job again.", "CI_TEST_SHARDS")]
    [InlineData("## Rollback\nDelete the `GOMEMLIMIT` environment variable and restart: the runtime falls back to its default GC pacing.", "GOMEMLIMIT")]
    [InlineData("## Rollback\nBuild without the `simd` feature; the scalar decoder is used as before.", "simd")]
    public void SwitchesPeopleActuallyName_AreRead(string body, string flag)
    {
        var verdict = Review.Of(body);
        Assert.True(verdict.Item(ItemKind.Rollback).Present, string.Join(" | ", verdict.Item(ItemKind.Rollback).Messages));
        Assert.Contains(flag, verdict.Flags);
    }

    [Theory]
    [InlineData("## Rollback\n`FAST_PATH=0` を設定すると、従来の処理に戻ります。")]
    [InlineData("## Rollback\nSetze `fast_path` auf false, dann läuft alles wie bisher.")]
    public void RollbackInOtherLanguages_IsPresent(string body) => Assert.True(Review.Present(body, ItemKind.Rollback));

    [Fact]
    public void UpperCaseSqlWords_AreNotFlags()
    {
        var verdict = Review.Of("### Rollback\nRun `SET enable_hashagg_spill = off`: GROUP BY queries then use the old plan, exactly as before.");
        Assert.Equal(["enable_hashagg_spill"], verdict.Flags);
    }
}
