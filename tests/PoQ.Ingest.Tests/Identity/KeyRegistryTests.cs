using System.Security.Cryptography;
using System.Text;
using FsCheck.Xunit;
using PoQ.Ingest.Contract;
using PoQ.Ingest.Identity;
using PoQ.Ingest.Identity.Registry;

namespace PoQ.Ingest.Tests.Identity;

/// <summary>The registry fold and how a signed score is judged against it, at the score's log time.</summary>
public sealed class KeyRegistryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static EvaluatorKeyPair Key(string name) => EvaluatorKeyPair.FromSeed(SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    private static ScoreSubmitted Score(string evaluator = "e-1", string task = "t-1") => new($"{task}-{evaluator}", task, evaluator, 7.5, 30, T0);

    private static RegistryChange Change(string action, string evaluator, string? keyName, TimeSpan after)
    {
        using var key = keyName is null ? null : Key(keyName);
        return new RegistryChange(action, evaluator, key?.PublicKey, T0 + after);
    }

    private static string? Reason(KeyRegistry registry, ScoreSubmitted score, string signer, TimeSpan at)
    {
        using var key = Key(signer);
        return registry.Judge(key.Signed(score), T0 + at).Rejection?.ReasonCode;
    }

    [Fact]
    public void Judge_AlongOneEvaluatorsHistory_AnswersForTheKeyInForceAtTheScoresTime()
    {
        var registry = new KeyRegistry();
        Assert.Null(registry.Apply(Change(RegistryAction.Register, "e-1", "old", TimeSpan.FromSeconds(10))));
        Assert.Null(registry.Apply(Change(RegistryAction.Rotate, "e-1", "new", TimeSpan.FromSeconds(20))));
        Assert.Null(registry.Apply(Change(RegistryAction.Revoke, "e-1", null, TimeSpan.FromSeconds(30))));
        var score = Score();

        Assert.Equal(ReasonCodes.UnknownEvaluator, Reason(registry, score, "old", TimeSpan.FromSeconds(5)));
        Assert.Null(Reason(registry, score, "old", TimeSpan.FromSeconds(15)));
        Assert.Equal(ReasonCodes.BadSignature, Reason(registry, score, "new", TimeSpan.FromSeconds(15)));
        Assert.Equal(ReasonCodes.RevokedKey, Reason(registry, score, "old", TimeSpan.FromSeconds(25))); // retired by the rotation
        Assert.Null(Reason(registry, score, "new", TimeSpan.FromSeconds(25)));
        Assert.Equal(ReasonCodes.BadSignature, Reason(registry, score, "stranger", TimeSpan.FromSeconds(25)));
        Assert.Equal(ReasonCodes.RevokedKey, Reason(registry, score, "new", TimeSpan.FromSeconds(35)));
        Assert.Equal(ReasonCodes.UnknownEvaluator, Reason(registry, Score("e-2"), "e-2", TimeSpan.FromSeconds(35)));
    }

    [Fact]
    public void Judge_AScoreWhoseFieldsChangedAfterSigning_IsABadSignature()
    {
        var registry = new KeyRegistry();
        registry.Apply(Change(RegistryAction.Register, "e-1", "e-1", TimeSpan.Zero));
        using var key = Key("e-1");
        var signed = key.Signed(Score());

        Assert.True(registry.Judge(signed, T0.AddSeconds(1)).IsValid);
        Assert.Equal(ReasonCodes.BadSignature, registry.Judge(signed with { Score = 9.5 }, T0.AddSeconds(1)).Rejection?.ReasonCode);
        Assert.Equal(ReasonCodes.BadSignature, registry.Judge(signed with { TaskId = "t-2" }, T0.AddSeconds(1)).Rejection?.ReasonCode);
        Assert.Equal(ReasonCodes.BadSignature, registry.Judge(signed with { LatencyMs = 31 }, T0.AddSeconds(1)).Rejection?.ReasonCode);
    }

    [Fact]
    public void Apply_ChangesThatCannotHold_AreRefusedNamingTheField_AndChangeNothing()
    {
        var registry = new KeyRegistry();
        Assert.Equal("evaluatorId", registry.Apply(Change(RegistryAction.Rotate, "e-1", "k", TimeSpan.Zero))?.Field);
        Assert.Equal("evaluatorId", registry.Apply(Change(RegistryAction.Revoke, "e-1", null, TimeSpan.Zero))?.Field);
        Assert.Null(registry.Apply(Change(RegistryAction.Register, "e-1", "k", TimeSpan.Zero)));
        Assert.Null(registry.Apply(Change(RegistryAction.Register, "e-1", "k", TimeSpan.FromSeconds(1)))); // the same key again: harmless
        Assert.Equal("action", registry.Apply(Change(RegistryAction.Register, "e-1", "other", TimeSpan.FromSeconds(2)))?.Field);
        Assert.Equal("publicKey", registry.Apply(new RegistryChange(RegistryAction.Rotate, "e-1", new byte[31], T0))?.Field);
        Assert.Null(registry.Apply(Change(RegistryAction.Revoke, "e-1", null, TimeSpan.FromSeconds(3))));
        Assert.Equal("evaluatorId", registry.Apply(Change(RegistryAction.Revoke, "e-1", null, TimeSpan.FromSeconds(4)))?.Field);

        Assert.Equal(2, registry.Applied);
        Assert.Equal([RegistryAction.Register, RegistryAction.Revoke], registry.Snapshot().Single().History.Select(h => h.Action));
    }

    [Fact]
    public void Apply_AChangeStampedBeforeTheLast_TakesEffectAtTheLastOnesTime()
    {
        var registry = new KeyRegistry();
        registry.Apply(Change(RegistryAction.Register, "e-1", "old", TimeSpan.FromSeconds(10)));
        registry.Apply(Change(RegistryAction.Rotate, "e-1", "new", TimeSpan.FromSeconds(5)));

        var history = registry.Snapshot().Single().History;
        Assert.Equal(T0.AddSeconds(10), history[1].EffectiveAt);
        Assert.Null(Reason(registry, Score(), "new", TimeSpan.FromSeconds(10)));
    }

    [Property(MaxTest = 40)]
    public bool Judge_ValidExactlyWhenSignedByTheKeyInForce(bool rotated, bool signWithNew, byte at)
    {
        var registry = new KeyRegistry();
        registry.Apply(Change(RegistryAction.Register, "e-1", "old", TimeSpan.Zero));
        if (rotated)
        {
            registry.Apply(Change(RegistryAction.Rotate, "e-1", "new", TimeSpan.FromSeconds(100)));
        }

        var time = TimeSpan.FromSeconds(at);
        bool newInForce = rotated && time >= TimeSpan.FromSeconds(100);
        return (Reason(registry, Score(), signWithNew ? "new" : "old", time) is null) == (signWithNew == newInForce);
    }

    [Fact]
    public void Check_UnsignedScores_RefusedUnlessAllowed_SignedOnesJudgedEitherWay()
    {
        var registry = new KeyRegistry();
        registry.Apply(Change(RegistryAction.Register, "e-1", "e-1", TimeSpan.Zero));
        using var key = Key("e-1");
        var strict = new ScoreAuthenticator(registry, AllowUnsigned: false);
        var lenient = new ScoreAuthenticator(registry, AllowUnsigned: true);

        Assert.Equal(ReasonCodes.Unsigned, strict.Check(Score(), T0)?.ReasonCode);
        Assert.Equal("signature", strict.Check(Score(), T0)?.Field);
        Assert.Null(lenient.Check(Score(), T0));
        Assert.Null(strict.Check(key.Signed(Score()), T0));
        Assert.Equal(ReasonCodes.BadSignature, lenient.Check(key.Signed(Score()) with { Score = 1 }, T0)?.ReasonCode);
    }

    [Property(MaxTest = 60)]
    public void ActiveAt_AskedInAnyOrder_AnswersAsAFreshRegistryDoes(byte[] times)
    {
        // Registrations, a rotation and a revocation spread over 0–250 s; the registry answers from its last answer
        // while the time stays between two changes, so the order of the questions must not change any answer.
        var changes = new[]
        {
            Change(RegistryAction.Register, "e-1", "a", TimeSpan.FromSeconds(10)),
            Change(RegistryAction.Register, "e-2", "b", TimeSpan.FromSeconds(50)),
            Change(RegistryAction.Rotate, "e-1", "c", TimeSpan.FromSeconds(90)),
            Change(RegistryAction.Register, "e-3", "d", TimeSpan.FromSeconds(120)),
            Change(RegistryAction.Revoke, "e-2", null, TimeSpan.FromSeconds(200)),
        };
        var asked = new KeyRegistry();
        foreach (var change in changes)
        {
            asked.Apply(change);
        }

        foreach (byte second in times ?? [])
        {
            var fresh = new KeyRegistry();
            foreach (var change in changes)
            {
                fresh.Apply(change);
            }

            var at = T0 + TimeSpan.FromSeconds(second);
            Assert.Equal(fresh.ActiveAt(at), asked.ActiveAt(at));
        }

        Assert.Equal(["e-1", "e-3"], asked.ActiveAt(T0.AddSeconds(200)));
        Assert.Equal(["e-1", "e-2", "e-3"], asked.ActiveAt(T0.AddSeconds(199)));
    }
}
