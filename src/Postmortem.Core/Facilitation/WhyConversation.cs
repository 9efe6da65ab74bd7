using Postmortem.Core.Events;
using Postmortem.Core.Language;
using Postmortem.Core.Whys;

namespace Postmortem.Core.Facilitation;

/// <summary>
/// The 5-Whys thread: one question at a time, each built on the last answer; one evidence request per answer
/// without evidence; after the fifth answer or <c>root cause</c>, trigger-or-latent and then the detection gap.
/// </summary>
internal static class WhyConversation
{
    private const int MaxLevels = 5;

    /// <summary>The next step of the open chain whose thread the reply is in; false (and nothing decided) when there is none.</summary>
    public static bool OnReply(DecisionBuilder decision, MessagePosted reply)
    {
        var session = decision.OpenSession;
        var chain = session.Chains.Find(c => c.ThreadId == reply.ThreadId);
        if (chain is null || chain.Stage == ChainStage.Closed)
        {
            return false;
        }

        var text = reply.Text.Trim();
        var updated = chain.Stage switch
        {
            ChainStage.AwaitingAnswer => OnAnswer(decision, chain, reply, text),
            ChainStage.AwaitingEvidence => OnEvidence(decision, chain, reply, text),
            ChainStage.AwaitingCauseKind => OnCauseKind(decision, chain, reply, text),
            ChainStage.AwaitingDetectionGap => OnDetectionGap(decision, chain, reply, text),
            _ => chain,
        };
        Save(decision, chain, updated);
        return true;
    }

    public static void OnEdit(DecisionBuilder decision, MessageEdited edit, bool hasFile)
    {
        var session = decision.OpenSession;
        foreach (var chain in session.Chains)
        {
            var answers = chain.Answers.ConvertAll(a => Edited(a, edit, hasFile));
            var updated = chain with
            {
                Answers = answers.SequenceEqual(chain.Answers) ? chain.Answers : answers,
                DetectionGap = chain.DetectionGapMessageId == edit.MessageId ? edit.NewText.Trim() : chain.DetectionGap,
                CauseKind = chain.CauseKindMessageId == edit.MessageId ? ParseCauseKind(edit.NewText) ?? chain.CauseKind : chain.CauseKind,
            };
            Save(decision, chain, updated);
        }
    }

    private static WhyAnswer Edited(WhyAnswer answer, MessageEdited edit, bool hasFile)
    {
        if (answer.MessageId == edit.MessageId)
        {
            var text = StripRootCause(edit.NewText.Trim()) ?? edit.NewText.Trim();
            var evidence = answer.EvidenceMessageId is null ? EvidenceDetector.Find(text, hasFile) : answer.Evidence;
            return answer with { Text = text, Evidence = evidence };
        }

        if (answer.EvidenceMessageId == edit.MessageId)
        {
            return answer with { Evidence = EvidenceDetector.Find(edit.NewText, hasFile) };
        }

        return answer;
    }

    private static WhyChain OnAnswer(DecisionBuilder decision, WhyChain chain, MessagePosted reply, string text)
    {
        var rootCause = StripRootCause(text);
        if (rootCause is not null && rootCause.Length == 0)
        {
            if (chain.Answers.IsEmpty)
            {
                decision.Post(new("There is no answer to close the chain on yet. " + Replies.WhyQuestion(1, Quoted(decision, chain.Problem))), threadKey: chain.RootKey);
                return chain;
            }

            return AskCauseKind(decision, chain);
        }

        var answerText = rootCause ?? text;
        var level = chain.Answers.Count + 1;
        var evidence = EvidenceDetector.Find(answerText, reply.HasFile);
        var answer = new WhyAnswer
        {
            Level = level,
            Question = Replies.WhyQuestion(level, Quoted(decision, level == 1 ? chain.Problem : chain.Answers[^1].Text)),
            Text = answerText,
            MessageId = reply.MessageId,
            AuthorId = reply.Author.Id,
            AnsweredAt = reply.OccurredAt,
            Evidence = evidence,
        };
        chain = chain with { Answers = chain.Answers.Add(answer) };

        if (BlameDetector.Check(answerText) is { } blame)
        {
            decision.Post(Replies.BlamelessCheck(blame), threadKey: chain.RootKey);
        }

        if (evidence is null)
        {
            decision.Post(Replies.EvidenceRequest(), threadKey: chain.RootKey);
            return chain with { Stage = ChainStage.AwaitingEvidence, ClosingAfterEvidence = rootCause is not null };
        }

        return rootCause is not null ? AskCauseKind(decision, chain) : Advance(decision, chain);
    }

    private static WhyChain OnEvidence(DecisionBuilder decision, WhyChain chain, MessagePosted reply, string text)
    {
        var last = chain.Answers[^1];
        if (IsSkip(text))
        {
            return Continue(decision, chain);
        }

        if (StripRootCause(text) is { Length: 0 })
        {
            return AskCauseKind(decision, chain);
        }

        var evidence = EvidenceDetector.Find(text, reply.HasFile);
        if (evidence is null)
        {
            decision.Post(Replies.NoEvidenceFound(), threadKey: chain.RootKey);
        }
        else
        {
            chain = chain with { Answers = chain.Answers.SetItem(chain.Answers.Count - 1, last with { Evidence = evidence, EvidenceMessageId = reply.MessageId }) };
        }

        return Continue(decision, chain);
    }

    private static WhyChain Continue(DecisionBuilder decision, WhyChain chain) =>
        chain.ClosingAfterEvidence ? AskCauseKind(decision, chain) : Advance(decision, chain);

    private static WhyChain Advance(DecisionBuilder decision, WhyChain chain)
    {
        if (chain.Answers.Count >= MaxLevels)
        {
            return AskCauseKind(decision, chain);
        }

        var level = chain.Answers.Count + 1;
        decision.Post(Replies.WhyPrompt(chain.Number, level, Quoted(decision, chain.Answers[^1].Text), first: false), threadKey: chain.RootKey);
        return chain with { Stage = ChainStage.AwaitingAnswer };
    }

    private static WhyChain AskCauseKind(DecisionBuilder decision, WhyChain chain)
    {
        decision.Post(Replies.CauseKindQuestion(Quoted(decision, chain.Answers[^1].Text)), threadKey: chain.RootKey);
        return chain with { Stage = ChainStage.AwaitingCauseKind, ClosingAfterEvidence = false };
    }

    private static WhyChain OnCauseKind(DecisionBuilder decision, WhyChain chain, MessagePosted reply, string text)
    {
        if (ParseCauseKind(text) is not { } kind)
        {
            decision.Post(Replies.CauseKindAgain(), threadKey: chain.RootKey);
            return chain;
        }

        decision.Post(Replies.DetectionGapQuestion(), threadKey: chain.RootKey);
        return chain with { CauseKind = kind, CauseKindMessageId = reply.MessageId, Stage = ChainStage.AwaitingDetectionGap };
    }

    private static WhyChain OnDetectionGap(DecisionBuilder decision, WhyChain chain, MessagePosted reply, string text)
    {
        if (BlameDetector.Check(text) is { } blame)
        {
            decision.Post(Replies.BlamelessCheck(blame), threadKey: chain.RootKey);
        }

        var closed = chain with { DetectionGap = text, DetectionGapMessageId = reply.MessageId, Stage = ChainStage.Closed };
        decision.Post(Replies.ChainClosed(closed.Number, Quoted(decision, closed.Answers[^1].Text), closed.CauseKind), threadKey: chain.RootKey);
        return closed;
    }

    private static CauseKind? ParseCauseKind(string text)
    {
        var lower = text.Trim().ToLowerInvariant();
        var trigger = lower.Contains("trigger", StringComparison.Ordinal);
        var latent = lower.Contains("latent", StringComparison.Ordinal);
        return (trigger, latent) switch
        {
            (true, false) => CauseKind.Trigger,
            (false, true) => CauseKind.Latent,
            _ => null,
        };
    }

    private static bool IsSkip(string text) =>
        text.Trim().TrimEnd('.', '!').Equals("skip", StringComparison.OrdinalIgnoreCase);

    /// <summary>For a reply starting <c>root cause</c>: the rest of it (empty when nothing follows); otherwise null.</summary>
    private static string? StripRootCause(string text)
    {
        const string phrase = "root cause";
        if (!text.StartsWith(phrase, StringComparison.OrdinalIgnoreCase) ||
            (text.Length > phrase.Length && char.IsLetterOrDigit(text[phrase.Length])))
        {
            return null;
        }

        return text[phrase.Length..].TrimStart(':', '-', '—', ' ', '.', '!').Trim();
    }

    /// <summary>An answer quoted in a question names people as plain <c>@Name</c>, so quoting it notifies nobody again.</summary>
    private static string Quoted(DecisionBuilder decision, string text) =>
        Rendering.MentionText.Resolve(text, decision.OpenSession.People);

    private static void Save(DecisionBuilder decision, WhyChain before, WhyChain after)
    {
        if (after == before)
        {
            return;
        }

        var session = decision.OpenSession;
        decision.Session = session with { Chains = session.Chains.Replace(before, after) };
    }
}
