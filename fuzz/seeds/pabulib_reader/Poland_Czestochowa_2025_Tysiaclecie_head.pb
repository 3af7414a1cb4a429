META
key;value
description;District PB in Częstochowa, Tysiąclecie
country;Poland
unit;Częstochowa
district;Tysiąclecie
subunit;Tysiąclecie
instance;2025
num_projects;55
num_votes;4060
budget;656405
vote_type;cumulative
rule;greedy-threshold
date_begin;23.09.2024
date_end;07.10.2024
max_sum_points;10
min_project_score_threshold;300
edition;11
language;pl
currency;PLN
PROJECTS
project_id;cost;votes;score;name;selected
431;100000;668;6185;„Aktywne i bezpieczne przerwy międzylekcyjne;1
399;180000;488;4654;„Odlotowa strefa sportowa” w Szkole Podstawowej nr 1 im. Zdobywców Przestworzy w Częstochowie;1
343;112500;450;4205;Witajcie w naszej bajce - fantastyczna biblioteka w Szkole Podstawowej nr 42 im. Jana Brzechwy w Częstochowie;1
339;60000;325;2863;Zakup nowych książek dla bibliotek w dzielnicy Tysiąclecie.;1
492;49994;203;1839;Sala terapeutyczna ”Sensomisie” w Miejskim Przedszkolu nr 42;1
49;64900;214;1689;Festiwale i Koncerty na Tysiącleciu! Gramy razem ze Schroniskiem dla Bezdomnych Zwierząt!;1
238;233000;172;1571;Remont strefy tarasowej w Miejskim Przedszkolu nr 12 im. Ireny Szewińskiej;0
7;110000;161;1213;Remont chodnika Polskiego Czerwonego Krzyża (odcinek przy Obrońców Poczty Gdańskiej);0
253;42700;112;1029;Monitory interaktywne i laptopy dla Miejskiego Przedszkola nr 13 im. Krecika w Częstochowie;1
19;61000;130;968;Chodnik Szkoła Podstawowa Nr 1 przy Księżycowej 6;0
35;5000;124;797;Zakup książek do Filii nr 15 Biblioteki Publicznej w Częstochowie przy Szajnowicza-Iwanowa 55;1
291;15000;89;743;Doposażenie pracowni dydaktycznych w III LO Biegańskiego;1
362;35000;78;723;Biblioteki miejscem spotkań;0
39;5000;110;685;Zakup książek do Filii nr 8 Biblioteki Publicznej w Częstochowie przy Księżycowa 2;1
469;7500;106;681;Kastracja i sterylizacja kotów wolnożyjących;1
86;450000;106;678;Niezbędny chodnik wzdłuż Kiedrzyńskiej;0
67;325000;99;620;Chodnik na cmentarz Kule;0
113;175000;73;606;Remont chodnika ul. Romera pomiędzy ul. Kurpińskiego-Ponurego a ul. Inwalidow Wojennych;0
63;45000;81;537;Wymiana oświetlenia na chodniku przy ulicy Obrońców Westerplatte;0
58;250000;68;476;Chodnik na Worcella pomiędzy ulicami Prądzyńskiego a Kosmiczną;0
358;656000;66;464;Chodnik i Parking ulica Gabrieli Zapolskiej;0
241;18000;71;393;Kino na Leżakach na Tysiącleciu!;0
68;70000;57;362;Nowy chodnik, lepsze przejscie dla pieszych na PCK.;0
522;7500;37;352;Stojaki naziemne dla rowerów - Kiedrzyńska 120;1
64;395000;42;350;Kołakowskiego-remont;0
16;120000;49;343;Miejsca Parkingowe / Wybrukowanie terenu przy Obrońców Poczty Gdańskiej 1 / Zagospodarowanie zaniedbanego obszaru dziko zarośniętego roślinnością;0
627;16000;63;335;CZĘSTOCHOWA NA ZIELONYM SZLAKU - zielona dzielnica Tysiąclecie;0
407;175000;35;335;Ulepszenie drogi dojazdowej do budynku przy ulicy Gwiezdna 9 poprzez wymianę starej i ułożenie nowej nawierzchni asfaltowej;0
338;10000;38;329;Stojaki rowerowe przy bloku przy ulicy Kosmicznej 2;0
50;280000;43;327;Remont podwórek i dróg i miejsc parkingowych i chodników Wodzickiego 101 i 103;0
586;32000;61;310;Szkoła podstawowa nr 31 Stop Hejt - Freestyle Arena i mobilne centrum zdrowia psychicznego;0
612;15000;67;297;Serce na Promenadzie – AED dla Częstochowy;0
484;5000;49;270;Sterylizacja i kastracja dla zwierząt;0
364;608900;44;270;O rewitalizację prosi skwer Janusza Gniatkowskiego;0
513;6500;46;268;Darmowa sterylizacja i kastracja psów i kotów posiadających właścicieli w dzielnicy Tysiąclecie;0
607;20000;58;248;Myśl jak pszczoła - łączka kwietna w dzielnicy Tysiąclecie;0
356;52000;44;230;Budowa oświetlenia ulicznego w ciągu ul. Kurpińskiego Ponurego;0
142;7000;40;194;Z cyklu ROWERY :) ul.Szajnowicza-Iwanowa bujna roślinność/krzaczory wzdłuż (a niekiedy i NA) ścieżce rowerowej.;0
220;21000;36;182;Wygodne przejazdy rowerowe - obniżenie krawężników na ważnej trasie w mieście;0
198;20000;25;180;Dodanie miejsc parkingowych oraz naprawa zieleni ul.Gałczyńskiego.;0
375;141800;23;176;„Nasz zdrowy LOS” - Miejsce rekreacji dla mieszkańców Tysiąclecia i uczniów szkół w dzielnicy.;0
252;320000;26;173;JP II (po stronie płn, vis-à-vis Norwida) - PORZĄDNY & komfortowy ciąg pieszo-rowerowy ...taki z prawdziwego zdarzenia.;0
210;28270;34;147;Nowa Zieleń zamiast Dzikiego Parkingu – ul. Dekabrystów 25, naprzeciwko Domów Studenckich!;0
72;5000;25;146;Zakup nowości wydawniczych i doposażenie Filii nr 15 Biblioteki Publicznej w Częstochowie;0
646;6500;32;132;Wygodny przejazd rowerowy - obniżenie krawężnika (Dekabrystów / Okólna);0
271;20000;32;132;Wygodna jazda rowerem - obniżone krawężniki na przejazdach rowerowych;0
354;30000;14;118;Remont chodnika między blokami Kiedrzyńska 116 i 118;0
587;50700;16;114;Ułożenie nowego chodnika i postawienie ławki;0
535;24440;22;100;Zielony zakątek przy Obrońców Poczty Gdańskiej;0
333;2000;15;93;Ogólnodostępne treningi rugby dla dzieci i młodzieży - rozwijamy ciało i ducha!;0
538;40000;18;89;Darmowa choreoterapia dla seniorów w dzielnicy Tysiąclecie!!;0
151;25000;15;80;Zazielenienie Saunarium w Parku Wodnym Częstochowa;0
385;2000;16;48;Wygodny łącznik na ul. Kiedrzyńskiej z ul. Brzeźnicką;0
411;30000;5;38;Zakup i montaż wiaty rowerowej w pobliżu ZUSu;0
197;10000;9;38;Zagospodarowanie terenu przy TPSZOZ, Wały Dwernickiego.;0
VOTES
voter_id;vote;points;sex;voting_method
7;50;10;;internet
8;19;10;;internet
29;68;10;;internet
50;7;10;;internet
52;58;10;;internet
77;362;10;;internet
120;253;10;;internet
152;39;10;;internet
153;358,220,385,646;7,1,1,1;;internet
155;431;10;;internet
156;469,627;5,5;;internet
181;238;10;;internet
