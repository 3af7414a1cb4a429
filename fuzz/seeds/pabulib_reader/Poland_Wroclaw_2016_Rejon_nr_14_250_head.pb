META
key;value
description;District PB in Wrocław, 250, Rejon nr 14
country;Poland
unit;Wrocław
district;Rejon nr 14
subunit;Rejon nr 14, 250
instance;2016
num_projects;15
num_votes;4400
budget;750000
vote_type;choose-1
rule;greedy-no-skip
date_begin;30.09.2016
date_end;10.10.2016
min_length;1
max_length;1
edition;4
language;pl
currency;PLN
PROJECTS
project_id;cost;votes;name;category;selected
566;250000;1007;Bezpieczniej na Wielkopolskiej i Małopolskiej.;roads;1
340;250000;653;Stworzenie  funkcjonalnego placu zabaw dla mieszkańców osiedla Maślice Małe;playgrounds;1
141;250000;629;Oświetlenie Parku Leśnickiego;other;1
389;250000;370;Mokrzański plac zabaw dla dzieci;playgrounds;0
304;100000;300;Progi zwalniające i oświetlenie przejść dla pieszych - Starogajowa / Wojanowska;walking/cycling infrastructure;0
384;250000;280;Plac zabaw Maślice na terenie zielonym przy ulicy Brodzkiej;playgrounds;0
101;90000;265;Siłownia na świeżym powietrzu;greenery/recreation;0
170;250000;256;Wyniesienie przejść dla pieszych i przejazdów rowerowych na wlotach podporządkowanych ulic (Warmińska, Mrągowska) do ulicy Królewieckiej;walking/cycling infrastructure;0
318;250000;252;"Przebudowa przystanku ""Maślice Małe""";;0
621;80000;186;Poprawa bezpieczeństwa pieszych na przejściu dla pieszych przy skrzyżowaniu ulic: Wojanowskiej i Starogajowej;walking/cycling infrastructure;0
743;150000;106;Modernizacja naturalnego boiska sportowego Osiedla Marszowice;sport;0
278;250000;37;Modernizacja ciągu komunikacyjnego wraz z mijankami na terenach gminnych w celu poprawy warunków zamieszkiwania na osiedlu Marszowice;roads;0
223;250000;24;Utwardzenie ścieżki między ul. Pracką a Piwowarską;walking/cycling infrastructure;0
279;250000;23;Wykonanie górnej warstwy  drogi wraz z mijankami i odwodnienia na zjeździe z ul. Wilkszyńskiej , odcinka drogi ul. Małomickiej we Wrocławiu na osiedlu  Marszowice;roads;0
721;75000;12;Progi na ul. Trójkątnej;roads;0
VOTES
voter_id;vote;age;sex;voting_method
2;389;37;F;internet
55;389;25;F;internet
100;170;46;F;internet
108;101;31;F;internet
129;621;29;M;internet
134;389;58;F;internet
141;340;30;M;internet
175;566;41;M;internet
194;340;43;M;internet
201;389;27;M;internet
207;141;36;M;internet
210;384;28;F;internet
