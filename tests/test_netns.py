        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
M        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
-        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
w        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
w        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
k        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
b        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
g        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
T        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
L        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
S        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
k        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
-        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
;        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
T        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
y        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
'        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
b        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
g        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
1        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
0        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
2        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
5        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
1        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
5        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
0        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
/        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
2        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
4        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
N        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
2        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
M        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
k        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
`        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
`        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
`        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
`        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
`        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
k        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
-        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
`        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
j        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
b        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
y        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
y        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
y        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
D        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
y        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
y        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
k        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
y        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
k        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
S        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
U        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
B        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
N        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
E        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
T        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
1        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
0        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
2        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
5        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
1        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
5        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
D        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
P        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
{        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
b        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
T        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
1        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
0        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
x        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
g        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
1        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
0        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
1        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
-        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
5        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
}        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
*        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
g        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
-        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
>        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
N        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
b        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
*        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
g        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
k        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
T        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
T        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
x        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
T        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
@        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
y        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
x        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
N        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
0        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
1        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
2        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
b        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
g        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
;        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
y        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
{        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
}        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
g        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
!        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
0        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
w        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
N        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
y        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
k        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
w        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
k        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
2        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
g        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
k        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
x        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
2        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
b        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
g        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
b        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
{        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
g        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
}        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
{        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
}        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
y        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
k        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
b        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
g        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
y        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
b        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
g        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
k        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
b        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
g        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
0        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
1        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
2        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
1        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
5        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
-        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
{        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
g        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
}        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
-        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
{        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
}        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
{        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
g        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
}        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
{        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
}        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
{        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
S        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
U        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
B        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
N        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
E        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
T        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
}        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
{        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
}        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
k        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
y        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
0        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
k        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
b        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
g        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
-        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
{        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
}        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
/        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
2        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
4        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
0        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
-        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
k        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
0        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
-        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
k        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
y        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
y        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
b        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
k        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
T        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
b        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
T        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
b        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
k        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
b        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
g        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
T        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
w        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
y        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
{        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
4        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
4        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
5        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
y        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
0        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
g        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
y        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
{        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
2        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
}        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
g        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
{        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
1        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
b        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
z        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
1        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
6        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
g        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
0        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
0        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
0        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
3        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
}        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
}        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
y        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
{        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
3        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
0        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
w        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
w        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
1        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
2        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
}        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
{        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
1        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
}        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
{        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
b        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
}        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
y        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
D        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
P        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
{        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
x        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
}        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
D        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
y        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
/        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
-        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
0        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
-        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
1        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
-        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
2        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
9        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
4        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
4        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
3        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
y        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
x        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
g        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
x        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
x        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
{        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
}        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
#        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
'        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
w        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
k        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
y        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
b        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
g        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
b        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
b        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
k        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
b        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
b        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
*        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
0        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
-        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
4        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
-        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
T        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
x        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
T        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
{        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
S        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
U        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
B        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
N        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
E        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
T        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
}        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
2        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
/        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
2        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
4        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
b        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
{        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
S        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
U        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
B        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
N        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
E        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
T        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
}        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
1        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
/        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
b        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
/        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
x        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
w        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
b        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
1        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
/        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
x        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
3        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
0        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
0        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
1        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
k        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
-        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
-        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
1        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
w        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
b        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
2        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
/        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
x        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
3        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
0        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
0        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
2        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
-        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
1        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
x        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
1        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
w        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
b        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
N        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
6        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
0        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
0        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
0        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
x        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
-        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
4        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
0        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
0        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
0        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
j        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
/        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
j        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
x        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
{        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
}        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
1        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
2        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
3        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
4        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
-        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
1        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
2        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
-        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
1        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
4        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
u        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
k        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
_        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
#        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
y        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
w        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
v        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
T        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
L        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
S        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
g        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
w        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
g        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
=        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
[        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
]        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
x        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
g        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
3        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
{        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
S        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
U        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
B        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
N        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
E        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
T        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
}        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
{        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
+        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
2        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
}        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
g        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
,        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
c        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
r        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
m        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
h        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
{        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
S        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
U        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
B        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
N        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
E        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
T        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
}        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
{        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
+        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
2        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
}        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
"        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
f        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
i        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
n        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
a        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
l        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
y        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
:        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
         # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
d        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
e        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
.        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
s        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
t        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
o        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
p        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
(        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
)        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2

        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
