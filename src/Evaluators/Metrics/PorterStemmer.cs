namespace PoQ.Evaluators.Metrics;

/// <summary>
/// The Porter (1980) stemmer as in Martin Porter's reference implementation (tartarus.org), which is
/// what ROUGE-1.5.5's <c>-m</c> option applies. Expects lowercase ASCII input; other input is returned
/// unchanged in shape (non-letters count as consonants, like the reference C code).
/// </summary>
public static class PorterStemmer
{
    /// <summary>Stem one lowercase word. Words of length ≤ 2 are returned unchanged (reference behaviour).</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= 2)
        {
            return word;
        }

        var s = new State(word);
        s.Step1Ab();
        if (s.K > 0)
        {
            s.Step1C();
            s.Step2();
            s.Step3();
            s.Step4();
            s.Step5();
        }

        return new string(s.B, 0, s.K + 1);
    }

    // Mutable buffer with the reference implementation's k (end) and j (stem end) indices.
    private sealed class State(string word)
    {
        public char[] B { get; private set; } = word.ToCharArray();

        public int K { get; private set; } = word.Length - 1;

        private int j;

        private bool Cons(int i) => B[i] switch
        {
            'a' or 'e' or 'i' or 'o' or 'u' => false,
            'y' => i == 0 || !Cons(i - 1),
            _ => true,
        };

        // Number of VC sequences in B[0..j].
        private int M()
        {
            var n = 0;
            var i = 0;
            while (true)
            {
                if (i > j) return n;
                if (!Cons(i)) break;
                i++;
            }

            i++;
            while (true)
            {
                while (true)
                {
                    if (i > j) return n;
                    if (Cons(i)) break;
                    i++;
                }

                i++;
                n++;
                while (true)
                {
                    if (i > j) return n;
                    if (!Cons(i)) break;
                    i++;
                }

                i++;
            }
        }

        private bool VowelInStem()
        {
            for (var i = 0; i <= j; i++)
            {
                if (!Cons(i)) return true;
            }

            return false;
        }

        private bool DoubleC(int i) => i >= 1 && B[i] == B[i - 1] && Cons(i);

        private bool Cvc(int i)
        {
            if (i < 2 || !Cons(i) || Cons(i - 1) || !Cons(i - 2)) return false;
            return B[i] is not ('w' or 'x' or 'y');
        }

        private bool Ends(string s)
        {
            var len = s.Length;
            if (len > K + 1) return false;
            for (var i = 0; i < len; i++)
            {
                if (B[K - len + 1 + i] != s[i]) return false;
            }

            j = K - len;
            return true;
        }

        private void SetTo(string s)
        {
            var needed = j + 1 + s.Length;
            if (needed > B.Length)
            {
                var nb = new char[needed];
                Array.Copy(B, nb, B.Length);
                B = nb;
            }

            for (var i = 0; i < s.Length; i++)
            {
                B[j + 1 + i] = s[i];
            }

            K = j + s.Length;
        }

        private void R(string s)
        {
            if (M() > 0) SetTo(s);
        }

        public void Step1Ab()
        {
            if (B[K] == 's')
            {
                if (Ends("sses")) K -= 2;
                else if (Ends("ies")) SetTo("i");
                else if (K >= 1 && B[K - 1] != 's') K--;
            }

            if (Ends("eed"))
            {
                if (M() > 0) K--;
            }
            else if ((Ends("ed") || Ends("ing")) && VowelInStem())
            {
                K = j;
                if (Ends("at")) SetTo("ate");
                else if (Ends("bl")) SetTo("ble");
                else if (Ends("iz")) SetTo("ize");
                else if (DoubleC(K))
                {
                    K--;
                    if (B[K] is 'l' or 's' or 'z') K++;
                }
                else
                {
                    j = K;
                    if (M() == 1 && Cvc(K)) SetTo("e");
                }
            }
        }

        public void Step1C()
        {
            if (Ends("y") && VowelInStem()) B[K] = 'i';
        }

        public void Step2()
        {
            if (K < 1) return;
            foreach (var (suffix, replacement) in Step2Rules(B[K - 1]))
            {
                if (Ends(suffix))
                {
                    R(replacement);
                    return;
                }
            }
        }

        public void Step3()
        {
            foreach (var (suffix, replacement) in Step3Rules(B[K]))
            {
                if (Ends(suffix))
                {
                    R(replacement);
                    return;
                }
            }
        }

        public void Step4()
        {
            if (K < 1) return;
            var matched = false;
            foreach (var suffix in Step4Suffixes(B[K - 1]))
            {
                if (suffix == "ion")
                {
                    if (Ends("ion") && j >= 0 && B[j] is 's' or 't')
                    {
                        matched = true;
                        break;
                    }

                    continue;
                }

                if (Ends(suffix))
                {
                    matched = true;
                    break;
                }
            }

            if (matched && M() > 1) K = j;
        }

        public void Step5()
        {
            j = K;
            if (B[K] == 'e')
            {
                var a = M();
                if (a > 1 || (a == 1 && !Cvc(K - 1))) K--;
            }

            // j deliberately stays at the original end: the reference C code measures m() there.
            if (B[K] == 'l' && DoubleC(K) && M() > 1) K--;
        }

        private static (string, string)[] Step2Rules(char c) => c switch
        {
            'a' => [("ational", "ate"), ("tional", "tion")],
            'c' => [("enci", "ence"), ("anci", "ance")],
            'e' => [("izer", "ize")],
            'l' => [("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous")],
            'o' => [("ization", "ize"), ("ation", "ate"), ("ator", "ate")],
            's' => [("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous")],
            't' => [("aliti", "al"), ("iviti", "ive"), ("biliti", "ble")],
            'g' => [("logi", "log")],
            _ => [],
        };

        private static (string, string)[] Step3Rules(char c) => c switch
        {
            'e' => [("icate", "ic"), ("ative", ""), ("alize", "al")],
            'i' => [("iciti", "ic")],
            'l' => [("ical", "ic"), ("ful", "")],
            's' => [("ness", "")],
            _ => [],
        };

        private static string[] Step4Suffixes(char c) => c switch
        {
            'a' => ["al"],
            'c' => ["ance", "ence"],
            'e' => ["er"],
            'i' => ["ic"],
            'l' => ["able", "ible"],
            'n' => ["ant", "ement", "ment", "ent"],
            'o' => ["ion", "ou"],
            's' => ["ism"],
            't' => ["ate", "iti"],
            'u' => ["ous"],
            'v' => ["ive"],
            'z' => ["ize"],
            _ => [],
        };
    }
}
