"""The changes of 1938–1941, from the Anschluss to the partition of Yugoslavia, in order."""

from __future__ import annotations

import shapely

from . import hand as H
from .engine import Timeline
from .recipe_1918_1937 import DEMARCATION, HAND, _ssr
from .recipe_common import clean, st
from .sources import ne, snap


def steps_1938_1941(t: Timeline, r: dict) -> None:
    """From the Anschluss to the partition of Yugoslavia."""
    S = t.step
    S("1938-03-13", "anschluss-1938", "Anschluss: Austria annexed to Germany", "Anschluss Österreichs an das "
      "Deutsche Reich", "Law on the Reunification of Austria with the German Reich, 13 March 1938", "anschluss-1938")
    t.take("germany", t.geom("austria"), "austria")
    S("1938-09-02", "hatay-1938", "Hatay State", "Staat Hatay", "Hatay State proclaimed, 2 September 1938, under "
      "French and Turkish supervision")
    t.take("hatay", r["hatay"], "syria", line=(1, "Hatay's border " + HAND),
           **st("Hatay State", "Staat Hatay", None, "client state", 1))
    S("1938-10-01", "munich-1938", "Munich Agreement: the Sudetenland to Germany", "Münchner Abkommen: das "
      "Sudetenland an das Deutsche Reich", "Munich Agreement, 29 September 1938; occupation 1–10 October 1938; "
      "line: historical-basemaps 1938 snapshot", "munich-1938")
    t.take("germany", r["sudetenland"], "czechoslovakia")
    S("1938-10-02", "zaolzie-1938", "Poland takes Zaolzie (Teschen)", "Polen besetzt das Olsagebiet",
      "Polish ultimatum of 30 September 1938; occupation from 2 October 1938", None)
    t.take("poland", r["zaolzie"], "czechoslovakia")
    S("1938-11-02", "vienna-1938", "First Vienna Award: southern Slovakia and Ruthenia to Hungary",
      "Erster Wiener Schiedsspruch: die Südslowakei und Teile der Karpatenukraine an Ungarn",
      "First Vienna Award, 2 November 1938; line: historical-basemaps 1938 snapshot", "first-vienna-award-1938")
    t.take("hungary", r["vienna_1938"], "czechoslovakia")
    S("1939-03-14", "slovakia-1939", "Slovakia declares independence", "Die Slowakei erklärt ihre Unabhängigkeit",
      "Declaration of the Slovak diet, 14 March 1939")
    t.take("slovakia", t.geom("czechoslovakia") & ne("Slovakia"), "czechoslovakia",
           **st("Slovak State", "Slowakischer Staat", "germany", "client state", 2, "under German protection "
                                                                                    "(treaty of 23 March 1939)"))
    S("1939-03-15", "prague-1939", "Germany occupies Bohemia and Moravia; Hungary takes Carpatho-Ukraine",
      "Deutschland besetzt Böhmen und Mähren; Ungarn besetzt die Karpatenukraine",
      "German occupation of Prague, 15 March 1939; Protectorate decreed 16 March; Hungarian occupation of "
      "Carpatho-Ukraine, 15–18 March 1939", "prague-occupation-1939")
    t.take("hungary", t.geom("czechoslovakia") & r["ruthenia"], "czechoslovakia")
    t.take("bohemia_moravia", t.geom("czechoslovakia"), "czechoslovakia",
           **st("Protectorate of Bohemia and Moravia", "Protektorat Böhmen und Mähren", "germany", "protectorate", 2))
    S("1939-03-23", "memel-1939", "Lithuania cedes Memel to Germany", "Litauen tritt das Memelland an das Deutsche "
      "Reich ab", "German–Lithuanian treaty of 22 March 1939; German troops enter Memel, 23 March 1939",
      "memel-1939")
    t.take("germany", r["memel"], "lithuania")
    S("1939-04-07", "albania-1939", "Italy occupies Albania", "Italien besetzt Albanien",
      "Italian invasion, 7 April 1939; crown offered to Victor Emmanuel III, 12–16 April 1939", "albania-1939")
    t.set("albania", **st("Albania", "Albanien", "italy", "protectorate", 2, "in personal union with Italy"))
    S("1939-06-29", "hatay-1939", "Hatay joins Turkey", "Hatay schließt sich der Türkei an",
      "Vote of the Hatay assembly, 29 June 1939; Franco-Turkish agreement of 23 June 1939")
    t.take("ottoman_empire", t.geom("hatay"), "hatay", drop=("Hatay",))
    S("1939-09-01", "danzig-1939", "Germany annexes Danzig", "Das Deutsche Reich annektiert Danzig",
      "German law of 1 September 1939 on the reunification of Danzig", "invasion-poland-1939")
    t.take("germany", t.geom("danzig"), "danzig")
    S("1939-09-28", "boundary-friendship-1939", "Poland partitioned along the German–Soviet line",
      "Polen entlang der deutsch-sowjetischen Linie geteilt",
      "German–Soviet Boundary and Friendship Treaty, 28 September 1939", "boundary-friendship-1939")
    soviet_zone = t.geom("poland") & (ne("Belarus", "Ukraine", "Lithuania")
                                      | ne("Poland") & (H.SOVIET_1939_NORTH | H.SOVIET_1939_SOUTH))
    line = (1, "German–Soviet line of 1939 " + HAND + " where it is not today's Polish border")
    t.take("soviet_poland", soviet_zone, "poland", line=[line, DEMARCATION],
           **st("Polish territory under Soviet occupation", "Sowjetisch besetztes Polen", "ussr", "occupied", 1))
    t.take("german_poland", t.geom("poland"), "poland", line=line,
           **st("Polish territory under German occupation", "Deutsch besetztes Polen", "germany", "occupied", 1))
    S("1939-10-26", "general-government-1939", "Western Poland annexed to Germany; the General Government",
      "Westpolen an das Deutsche Reich angegliedert; das Generalgouvernement",
      "Hitler's decrees of 8 and 12 October 1939, in force 26 October 1939")
    gg = t.geom("german_poland") & H.GENERAL_GOVERNMENT
    t.take("germany", t.geom("german_poland").difference(gg), "german_poland",
           drop=("German–Polish border of 1920", "East Prussia's", "Upper Silesia"),
           line=[(1, "the General Government's border " + HAND), line])
    t.take("general_government", gg, "german_poland", line=[(1, "the General Government's border " + HAND), line],
           **st("General Government", "Generalgouvernement", "germany", "occupied", 1))
    S("1939-10-28", "vilnius-1939", "Vilnius to Lithuania", "Wilna an Litauen",
      "Soviet–Lithuanian Mutual Assistance Treaty, 10 October 1939; Lithuanian troops enter Vilnius, "
      "28 October 1939", "soviet-lithuanian-pact-1939")
    t.take("lithuania", t.geom("soviet_poland") & ne("Lithuania"), "soviet_poland", drop=("Polish–Lithuanian",))
    S("1939-11-01", "western-ukraine-1939", "South-eastern Poland incorporated into the Ukrainian SSR",
      "Südostpolen der Ukrainischen SSR eingegliedert", "Law of the Supreme Soviet of the USSR, 1 November 1939")
    south = t.geom("soviet_poland") & (ne("Ukraine") | H.SOVIET_1939_SOUTH)
    t.take("ukraine", south, "soviet_poland")
    S("1939-11-02", "western-belarus-1939", "North-eastern Poland incorporated into the Byelorussian SSR",
      "Nordostpolen der Weißrussischen SSR eingegliedert", "Law of the Supreme Soviet of the USSR, 2 November 1939")
    t.take("belarus", t.geom("soviet_poland"), "soviet_poland")
    S("1940-03-13", "moscow-peace-1940", "Moscow Peace: Finland cedes Karelia and Salla", "Moskauer Frieden: "
      "Finnland tritt Karelien und Salla ab", "Moscow Peace Treaty, 12 March 1940, in force 13 March; line: "
      "today's Finnish–Russian border", "moscow-peace-1940")
    ceded = (t.geom("finland") & ne("Russia")).difference(r["petsamo"].difference(H.RYBACHY))
    t.take("russia", ceded, "finland", line=(2, "Finland's eastern border of 1940: today's border"))
    S("1940-06-15", "lithuania-occupied-1940", "Soviet occupation of Lithuania", "Sowjetische Besetzung Litauens",
      "Soviet ultimatum of 14 June; Red Army enters Lithuania, 15 June 1940")
    t.set("lithuania", **st("Lithuania", "Litauen", "ussr", "occupied", 2))
    S("1940-06-17", "latvia-estonia-occupied-1940", "Soviet occupation of Latvia and Estonia",
      "Sowjetische Besetzung Lettlands und Estlands", "Red Army enters Latvia and Estonia, 17 June 1940")
    t.set("latvia", **st("Latvia", "Lettland", "ussr", "occupied", 2))
    t.set("estonia", **st("Estonia", "Estland", "ussr", "occupied", 2))
    S("1940-06-28", "bessarabia-1940", "Bessarabia and Northern Bukovina to the Soviet Union",
      "Bessarabien und die Nordbukowina an die Sowjetunion", "Soviet ultimatum of 26 June 1940; occupation "
      "28 June–3 July 1940", "bessarabia-1940")
    romania = t.geom("romania")
    bukovina = romania & ne("Ukraine") & shapely.box(24.0, 47.6, 28.0, 48.8)
    t.take("ukraine", bukovina, "romania")
    t.take("bessarabia", romania & ne("Moldova", "Ukraine"), "romania",
           **st("Bessarabia", "Bessarabien", "ussr", "occupied", 2))
    S("1940-08-02", "moldavian-ssr-1940", "Moldavian SSR", "Moldauische SSR",
      "Law of the Supreme Soviet, 2 August 1940; southern Bessarabia to the Ukrainian SSR")
    t.take("moldavia", t.geom("bessarabia") & ne("Moldova"), "bessarabia", **_ssr("Moldavian SSR", "Moldauische SSR"))
    t.take("moldavia", r["transnistria"], "ukraine")
    t.take("ukraine", t.geom("bessarabia"), "bessarabia")
    for date, key, en, de, day in (("1940-08-03", "lithuania", "Lithuanian SSR", "Litauische SSR", "3"),
                                   ("1940-08-05", "latvia", "Latvian SSR", "Lettische SSR", "5"),
                                   ("1940-08-06", "estonia", "Estonian SSR", "Estnische SSR", "6")):
        S(date, f"{key}-ssr-1940", f"{en} admitted to the Soviet Union", f"{de} in die Sowjetunion aufgenommen",
          f"Law of the Supreme Soviet of the USSR, {day} August 1940", "baltic-annexation-1940")
        t.set(key, **_ssr(en, de, 2))
    S("1940-08-30", "vienna-1940", "Second Vienna Award: Northern Transylvania to Hungary",
      "Zweiter Wiener Schiedsspruch: Nordsiebenbürgen an Ungarn", "Second Vienna Award, 30 August 1940; "
      "Hungarian troops enter 5–13 September 1940", "second-vienna-award-1940")
    # The 1914 snapshot pokes a Romanian spike into the Székely land (25.5 E, 46.0 N); west of the
    # Carpathian crest south of 46.6 N everything was Hungarian before 1918.
    hungary_1914 = snap(1914, "Austro-Hungarian Empire") | shapely.box(21.0, 45.5, 25.75, 46.6)
    north = t.geom("romania") & hungary_1914 & H.NORTHERN_TRANSYLVANIA
    t.take("hungary", clean(north), "romania", line=(1, "the 1940 line in Transylvania " + HAND))
    S("1940-09-07", "craiova-1940", "Treaty of Craiova: Southern Dobruja to Bulgaria",
      "Vertrag von Craiova: die Süddobrudscha an Bulgarien", "Treaty of Craiova, 7 September 1940", "craiova-1940")
    t.take("bulgaria", r["s_dobruja"], "romania")
    yugoslavia_1941(t)


def yugoslavia_1941(t: Timeline) -> None:
    """The partition of Yugoslavia after its capitulation (17 April 1941); all lines are hand-drawn."""
    t.step("1941-04-17", "yugoslavia-1941", "Yugoslavia partitioned", "Jugoslawien aufgeteilt",
           "Capitulation of 17 April 1941; Independent State of Croatia proclaimed 10 April; Hungarian, Bulgarian, "
           "German and Italian annexations of April–May 1941", "yugoslavia-invasion-1941")
    line = (1, "the partition lines of 1941 " + HAND)
    y = lambda: t.geom("yugoslavia")  # noqa: E731 - the remainder shrinks with every take
    t.take("hungary", y() & (H.BACKA | H.BARANJA | H.MEDJIMURJE | H.PREKMURJE), "yugoslavia", line=line)
    t.take("germany", y() & ne("Slovenia") & H.GERMAN_SLOVENIA, "yugoslavia", line=line)
    t.take("italy", y() & (ne("Slovenia") | H.ITALIAN_KVARNER | H.ITALIAN_DALMATIA & ne("Croatia") | H.KOTOR),
           "yugoslavia", line=line)
    t.take("albania", y() & (H.KOSOVO_SOUTH & ne("Kosovo") | H.WEST_MACEDONIA & ne("Macedonia")), "yugoslavia",
           line=line)
    t.take("bulgaria", y() & (ne("Macedonia") | H.EAST_SERBIA & ne("Serbia")), "yugoslavia", line=line)
    t.take("croatia", y() & (ne("Croatia", "Bosnia and Herz.") | H.SYRMIA & ne("Serbia")), "yugoslavia", line=line,
           **st("Independent State of Croatia", "Unabhängiger Staat Kroatien", "axis", "client state", 1))
    t.take("montenegro", y() & ne("Montenegro"), "yugoslavia", line=line,
           **st("Montenegro", "Montenegro", "italy", "occupied", 1))
    t.take("serbia", y(), "yugoslavia", line=line,
           **st("Territory of the Military Commander in Serbia", "Militärverwaltungsgebiet Serbien",
                "germany", "occupied", 1))
