META
key;value
description;District PB in Kraków, Swoszowice
country;Poland
unit;Kraków
district;Swoszowice
subunit;Swoszowice
instance;2024
num_projects;16
num_votes;2341
budget;1584196.52
vote_type;ordinal
rule;greedy
date_begin;13.09.2024
date_end;27.09.2024
min_length;3
max_length;3
edition;11
language;pl
currency;PLN
PROJECTS
project_id;cost;votes;score;name;category;selected
BO.D10.8/24;600000;599;1561;Klinuś - nowoczesne boisko przy szkole SP 97;sport;1
BO.D10.23/24;587000;723;1499;STRAŻACY OCHOTNICY DLA NASZEJ DZIELNICY;security;1
BO.D10.9/24;180000;712;1388;Woda - Źródło Życia: Pitnik w Parku Maćka i Doroty;environmental protection;1
BO.D10.21/24;406800;452;1078;Piłkarskie marzenia w Swoszowicach;sport;0
BO.D10.12/24;51000;508;1060;Czytam, bo lubię - nowe książki dla bibliotek Dzielnicy X;culture;1
BO.D10.18/24;120000;439;895;Bezpłatne zajęcia TANIEC TOWARZYSKI, FITNESS i PING-PONG;sport;1
BO.D10.1/24;340000;353;853;Nowe huśtawki na placu zabaw ul. Taklińskiego w Opatkowicach;environmental protection;0
BO.D10.15/24;112500;428;813;FILM POD GWIAZDAMI - wakacyjne kino plenerowe;culture;0
BO.D10.13/24;223000;571;809;Plac Zabaw dla Wszystkich: Nowe Możliwości Aktywności;education;0
BO.D10.7/24;5200;504;741;Zajęcia biegowe dla mieszkańców dzielnicy X Swoszowice;sport;1
BO.D10.10/24;30000;333;730;Nowe książki dla Biblioteki na Klinach;culture;1
BO.D10.22/24;366600;284;604;Piłkarskie marzenia w Rajsku;sport;0
BO.D10.14/24;80550;334;597;ŻYCIE W TWOICH RĘKACH: Szkolenia z pierwszej pomocy;health;0
BO.D10.4/24;2500;309;545;Promocja Honorowego Krwiodawstwa;health;1
BO.D10.17/24;180000;230;444;Życiodajna woda w ogrodzie społecznym Klinówka;environmental protection;0
BO.D10.24/24;35000;244;429;Trening Umiejętności Społecznych dla dzieci z dzielnicy 10;education;0
VOTES
voter_id;vote;age;sex
12;BO.D10.12/24,BO.D10.14/24,BO.D10.24/24;45;M
45;BO.D10.1/24,BO.D10.18/24,BO.D10.15/24;32;F
72;BO.D10.17/24,BO.D10.13/24,BO.D10.24/24;31;M
74;BO.D10.8/24,BO.D10.9/24,BO.D10.13/24;43;F
82;BO.D10.23/24,BO.D10.12/24,BO.D10.7/24;33;F
156;BO.D10.8/24,BO.D10.21/24,BO.D10.13/24;8;F
183;BO.D10.18/24,BO.D10.23/24,BO.D10.12/24;59;M
184;BO.D10.17/24,BO.D10.1/24,BO.D10.23/24;16;M
188;BO.D10.24/24,BO.D10.12/24,BO.D10.9/24;34;F
265;BO.D10.13/24,BO.D10.23/24,BO.D10.18/24;68;F
308;BO.D10.15/24,BO.D10.14/24,BO.D10.18/24;61;F
324;BO.D10.8/24,BO.D10.13/24,BO.D10.9/24;13;F
