"""Lines and areas drawn by hand, where neither Natural Earth nor a snapshot has the period's line.

Each is a polygon of (lon, lat) corners; only its intersection with a country matters, so corners at
sea or far outside the country are just there to close it. Every feature built with one of these gets
precision 1 ("approximate") and says which line is hand-drawn. The corners follow the towns each line
is known to have left on either side (named in the comments); they are good to a few kilometres at
best."""

from __future__ import annotations

from .sources import poly

#: North Schleswig (Danish from 1920): Denmark south of the 1864–1920 border along the Kongeå and the
#: Kolding fjord, Als included, Funen and Ærø left out.
NORTH_SCHLESWIG = poly((7.9, 54.7), (7.9, 55.47), (8.65, 55.45), (9.1, 55.42), (9.5, 55.50), (9.62, 55.51),
                       (9.70, 55.30), (9.80, 55.12), (10.10, 55.02), (10.10, 54.7))

#: Eupen-Malmedy (Belgian from 1920): the Prussian districts of Eupen and Malmedy.
EUPEN_MALMEDY = poly((5.97, 50.78), (6.22, 50.80), (6.45, 50.45), (6.42, 50.12), (6.10, 50.12), (5.96, 50.30),
                     (5.90, 50.62))

#: The Hlučín region (Czechoslovak from 1920): between the Opava and the Oder north of Ostrava.
HLUCIN = poly((17.86, 49.92), (17.95, 50.03), (18.14, 50.03), (18.26, 49.93), (18.20, 49.86), (17.98, 49.86))

#: Posen and West Prussia, the provinces Poland got in 1920: north of 51.2° N (Kępno and Ostrzeszów,
#: Posen's southern tip, inside); keeps the 1930 line from leaving strips of Lower Silesia to Poland.
POSEN_WEST_PRUSSIA = poly((14.5, 51.2), (19.6, 51.2), (19.6, 55.0), (14.5, 55.0))

#: Lower Silesia and the county of Kłodzko, all Prussian in 1914: today's Poland west of Upper Silesia and
#: south of 51.4° N (the 1914 snapshot's line along the Sudetes is a few kilometres off).
LOWER_SILESIA = poly((14.0, 49.9), (18.2, 49.9), (18.2, 51.4), (14.0, 51.4))

#: Upper Silesia, where the snapshot lines are too coarse for the 1922 partition.
UPPER_SILESIA_BOX = poly((18.2, 49.8), (19.6, 49.8), (19.6, 50.9), (18.2, 50.9))
#: Prussian Upper Silesia inside that box: west of the 1914 border with Russia (Sosnowiec and
#: Częstochowa Russian; Mysłowice, Tarnowskie Góry and Lubliniec Prussian) and north of the Vistula and
#: the border with Austria (Bielsko and Oświęcim Austrian, Pszczyna Prussian).
PRUSSIAN_UPPER_SILESIA = poly((18.2, 49.9), (18.85, 49.93), (19.05, 49.98), (19.25, 50.02), (19.20, 50.18),
                              (19.13, 50.25), (19.12, 50.35), (19.10, 50.50), (18.95, 50.62), (18.88, 50.75),
                              (18.70, 50.90), (18.2, 50.9))
#: The Polish side of the 1922 line: Lubliniec, Tarnowskie Góry, Chorzów, Katowice, Rybnik and
#: Wodzisław Polish; Bytom, Zabrze, Gliwice and Racibórz German.
UPPER_SILESIA_1922 = poly((18.45, 50.80), (18.50, 50.65), (18.75, 50.50), (18.85, 50.38), (18.90, 50.31),
                          (18.80, 50.26), (18.70, 50.23), (18.55, 50.18), (18.45, 50.12), (18.35, 50.02),
                          (18.25, 49.93), (18.9, 49.8), (19.6, 49.8), (19.6, 50.95), (18.45, 50.95))

#: East Prussia after 1920, its western and south-western edge: the Nogat (Danzig on the other bank),
#: the Vistula past Marienwerder (German), then east past Deutsch Eylau (German) and north of Soldau
#: (Polish from 1920) to the old Russian border. Open to the north and east.
EAST_PRUSSIA = poly((19.45, 54.6), (19.30, 54.25), (19.00, 54.05), (18.90, 53.90), (18.85, 53.75),
                    (18.82, 53.62), (19.10, 53.50), (19.30, 53.43), (19.60, 53.40), (19.85, 53.38),
                    (20.05, 53.33), (20.40, 53.30), (20.45, 52.9), (23.6, 52.9), (23.6, 56.2), (19.45, 56.2))

#: Kaliningrad oblast of today (all of it was East Prussia).
KALININGRAD_BOX = poly((19.3, 54.2), (22.95, 54.2), (22.95, 55.35), (19.3, 55.35))

#: The Vilnius region, Polish 1920/22–1939: the part of today's Lithuania east of the 1923 demarcation
#: line (Švenčionys, Vilnius, Trakai, Druskininkai Polish; Zarasai, Molėtai, Širvintos, Kaišiadorys,
#: Alytus, Merkinė, Lazdijai Lithuanian).
VILNIUS_REGION = poly((23.45, 53.90), (23.90, 54.02), (24.15, 54.17), (24.40, 54.30), (24.55, 54.45),
                      (24.70, 54.62), (24.95, 54.85), (25.20, 55.05), (25.65, 55.25), (26.05, 55.45),
                      (26.45, 55.70), (27.5, 55.8), (27.5, 53.5), (23.45, 53.5))

#: Central Lithuania's part in today's Belarus (Lida, Ashmyany, Braslaw, Pastavy): north-west Belarus.
CENTRAL_LITHUANIA_BELARUS = poly((23.5, 53.85), (25.0, 53.75), (26.2, 54.15), (26.9, 54.9), (27.2, 55.9),
                                 (23.5, 55.9))

#: Crimea (RSFSR 1921–1954, Crimea being today inside Ukraine's Natural Earth outline): south of Perekop.
CRIMEA = poly((32.3, 46.05), (33.55, 46.22), (34.55, 46.20), (35.20, 46.00), (36.62, 45.55), (36.62, 44.0),
              (32.3, 44.0))

#: The Sanjak of Alexandretta (Hatay; Syrian until 1938, Turkish from 1939), about 4,700 km2: Antakya and
#: Iskenderun inside, Dörtyol and Hassa (added to the Turkish province later) outside.
HATAY = poly((35.75, 35.80), (36.40, 35.78), (36.70, 36.20), (36.62, 36.50), (36.55, 36.72), (35.80, 36.72),
             (35.55, 36.30))

#: Petsamo (Finnish 1920–1944) and the Finnish halves of the Rybachy and Sredny peninsulas (ceded in 1940).
PETSAMO = poly((27.5, 68.55), (31.6, 68.55), (31.6, 69.9), (27.5, 69.9))
RYBACHY = poly((31.6, 69.3), (33.2, 69.3), (33.2, 70.0), (31.6, 70.0))

#: The German–Soviet line of 28 September 1939 where it is not today's Polish border: the Pisa and
#: the Narew (Łomża and Białystok Soviet, Ostrołęka German), a land line to the Bug at Małkinia, then
#: up the Bug to where today's border follows it; in the south the San (Sanok and Jarosław German on
#: the west bank, Lesko and Przemyśl's south bank Soviet) and a land line to the Bug near Krylów.
SOVIET_1939_NORTH = poly((21.85, 53.55), (21.85, 53.45), (21.88, 53.23), (21.70, 53.15), (21.58, 53.09),
                         (21.75, 52.85), (21.92, 52.69), (22.30, 52.55), (22.66, 52.40), (23.00, 52.30),
                         (23.30, 52.20), (24.5, 52.2), (24.5, 53.95), (23.45, 53.95), (22.9, 53.9))
SOVIET_1939_SOUTH = poly((22.60, 49.05), (22.45, 49.30), (22.33, 49.47), (22.20, 49.56), (22.30, 49.75),
                         (22.65, 49.78), (22.80, 49.90), (22.68, 50.02), (23.10, 50.20), (23.50, 50.38),
                         (24.10, 50.62), (24.6, 50.6), (24.6, 48.9), (22.6, 48.9))

#: Northern Transylvania (Hungarian 1940–1944), its southern edge after the Second Vienna Award: south of
#: Oradea, Cluj and Târgu Mureș (Hungarian), north of Turda, Sighișoara and Brașov (Romanian), round the
#: Székely counties to the Carpathian bend. Open to the north; cut by the 1914 Hungarian border in the east.
NORTHERN_TRANSYLVANIA = poly((21.3, 46.75), (22.00, 46.85), (22.40, 46.83), (22.75, 46.75), (23.10, 46.70),
                             (23.55, 46.70), (23.85, 46.55), (24.25, 46.43), (24.55, 46.42), (24.95, 46.25),
                             (25.25, 46.12), (25.45, 45.95), (25.65, 45.80), (25.95, 45.70), (26.20, 45.52),
                             (26.50, 45.50), (27.2, 46.3), (27.2, 48.5), (21.3, 48.5))

#: The General Government (October 1939): the German-held part of Poland not annexed to the Reich.
#: Warsaw, Radom, Kraków, Częstochowa and Piotrków inside; Płock, Łódź, Zawiercie, Chrzanów and
#: Wadowice annexed. Open to the south and east (the Slovak border and the German–Soviet line).
GENERAL_GOVERNMENT = poly((22.0, 52.75), (21.5, 52.62), (21.0, 52.55), (20.65, 52.42), (20.25, 52.28),
                          (19.90, 52.15), (19.85, 51.95), (19.75, 51.70), (19.65, 51.45), (19.40, 51.10),
                          (19.10, 50.85), (19.25, 50.60), (19.45, 50.40), (19.50, 50.20), (19.45, 49.95),
                          (19.30, 49.55), (19.0, 49.3), (23.5, 49.0), (24.5, 50.5), (24.5, 52.8))

# The partition of Yugoslavia, April 1941.
#: Bačka (to Hungary): north of the Danube, west of the Tisa.
BACKA = poly((18.7, 46.3), (20.10, 46.3), (20.10, 45.93), (20.05, 45.62), (20.30, 45.20), (20.25, 45.12),
             (19.85, 45.23), (19.40, 45.22), (19.0, 45.25), (18.7, 45.3))
#: Baranja (to Hungary): the triangle north of the Drava and west of the Danube.
BARANJA = poly((18.25, 45.80), (18.95, 45.95), (19.0, 45.52), (18.68, 45.575), (18.3, 45.75))
#: Međimurje (to Hungary): between the Mur and the Drava.
MEDJIMURJE = poly((16.2, 46.6), (17.0, 46.6), (16.9, 46.35), (16.6, 46.30), (16.3, 46.37), (16.2, 46.45))
#: Prekmurje (to Hungary): north-east of the Mur.
PREKMURJE = poly((15.95, 46.70), (16.0, 47.0), (16.7, 47.0), (16.6, 46.45), (16.4, 46.50), (16.2, 46.58), (16.05, 46.66))
#: Germany's part of Slovenia: north of a line passing north of Ljubljana (Italian) and Novo Mesto
#: (Italian), with Kranj, Kamnik, Litija and Krško German.
GERMAN_SLOVENIA = poly((13.3, 46.10), (14.20, 46.10), (14.45, 46.12), (14.55, 46.11), (14.75, 46.07),
                       (15.0, 46.02), (15.3, 45.95), (15.5, 45.85), (15.75, 45.85), (16.7, 46.3), (16.7, 46.9),
                       (13.3, 46.9))
#: Italy's Governorate of Dalmatia and the Kvarner annexations: Sušak, Krk and Rab; the coast from
#: north of Zadar to Split with Šibenik and Trogir, and Korčula; the Bay of Kotor.
ITALIAN_KVARNER = poly((14.35, 45.42), (14.62, 45.42), (14.85, 45.05), (14.85, 44.65), (14.35, 44.8))
ITALIAN_DALMATIA = poly((15.05, 44.40), (15.50, 44.22), (15.95, 43.85), (16.30, 43.62), (16.55, 43.52),
                        (16.62, 43.40), (17.25, 42.95), (16.6, 42.7), (14.6, 44.2))
KOTOR = poly((18.43, 42.50), (18.55, 42.62), (18.72, 42.58), (18.82, 42.45), (18.95, 42.30), (18.80, 42.22),
             (18.43, 42.35))
#: Syrmia (to Croatia): between the Danube and the Sava, Zemun included, Belgrade not.
SYRMIA = poly((18.95, 45.35), (20.30, 45.16), (20.42, 44.84), (20.20, 44.70), (19.65, 44.95), (19.30, 44.90),
              (18.95, 44.95))
#: Western Macedonia (to Italian Albania): Tetovo, Gostivar, Kičevo, Debar, Struga; Ohrid Bulgarian.
WEST_MACEDONIA = poly((20.4, 42.35), (21.15, 42.25), (21.1, 41.85), (20.95, 41.5), (20.75, 41.10), (20.4, 41.0))
#: Kosovo south of Mitrovica (to Italian Albania); the north stayed with German-occupied Serbia.
KOSOVO_SOUTH = poly((20.0, 42.85), (21.9, 42.85), (21.9, 41.8), (20.0, 41.8))
#: Pirot, Vranje and Preševo (to Bulgaria).
EAST_SERBIA = poly((21.45, 42.2), (21.45, 42.55), (21.75, 42.75), (22.3, 43.05), (22.5, 43.3), (23.0, 43.3),
                   (23.0, 42.2))

#: Zaolzie (Polish 1938–1939): the Czechoslovak part of Teschen Silesia west of the Olza.
TESCHEN = poly((18.2, 49.5), (18.95, 49.5), (18.95, 50.0), (18.2, 50.0))

#: Berehove and the Tisa plain, Czechoslovak 1919–1938 (the 1930 snapshot's line leaves them out).
BEREHOVE = poly((22.1, 47.9), (23.0, 47.9), (23.0, 48.35), (22.1, 48.35))
